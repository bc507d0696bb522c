package dev.baton.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.baton.access.TrustedProxies;
import dev.baton.routing.AgentRole;
import dev.baton.testing.FixtureArticles;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /metrics} on the real server: scraped with a real HTTP client after real chat turns over a real socket, and
 * served only to this machine (not to a proxy's client, trusted or not) when no token is set. This node trusts
 * {@value #PROXY} as a proxy on this machine: the tests scrape from 127.0.0.1, a direct loopback peer, and speak as
 * the proxy over a socket bound to {@value #PROXY}, so both kinds of local request are really made.
 */
class MetricsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ADMIN = "metrics.admin@test.example";
    private static final String PASSWORD = "a long enough password";
    /** A reverse proxy on this machine, on another loopback address (Linux routes all of 127.0.0.0/8 to itself). */
    private static final String PROXY = "127.0.0.2";
    private static TestApp baton;
    @RegisterExtension
    final OpenSockets sockets = new OpenSockets();

    @BeforeAll
    static void start() {
        // Webhooks may reach the test's receiver on the loopback.
        baton = new TestApp(FixtureArticles.all(),
                config -> config.withTrustedProxies(TrustedProxies.of(List.of(PROXY)))
                        .withAdmin(ADMIN, PASSWORD).withWebhooks(new BatonConfig.Webhooks(true, null)));
    }

    @AfterAll
    static void stop() {
        baton.close();
    }

    static HttpResponse<String> get(String url, String... headers) {
        try {
            var request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
            if (headers.length > 0) {
                request.headers(headers);
            }
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("GET " + url + " failed", e);
        }
    }

    private static Scrape scrape() {
        var response = get("http://127.0.0.1:" + baton.port() + "/metrics");
        assertEquals(200, response.statusCode(), response::body);
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        return new Scrape(response.body());
    }

    /** Scrapes until {@code done} holds (the feed brings events back a little after the frames), at most 10 s. */
    private static Scrape scrapeUntil(Predicate<Scrape> done) {
        long until = System.currentTimeMillis() + 10_000;
        Scrape scrape = scrape();
        while (!done.test(scrape) && System.currentTimeMillis() < until) {
            sleep(100);
            scrape = scrape();
        }
        return scrape;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void a_chat_turn_and_a_handoff_move_the_meters() {
        Scrape before = scrape();
        double customerIn = before.value("baton_messages_total", "direction", "in", "author", "customer");
        double botOut = before.value("baton_messages_total", "direction", "out", "author", "bot");
        double turns = before.value("baton_bot_turn_seconds_count");
        double refunds = before.value("baton_handoffs_total", "reason", "refund");
        double widgets = before.value("baton_sockets_open", "kind", "widget");

        ChatClient client = sockets.chat(baton.port());
        client.helloAsNewVisitor();
        client.ask("m-1", "Is there a cancellation fee?");
        client.nextMessageFrom("customer");
        client.nextMessageFrom("bot");
        client.ask("m-2", "Hi, I bought the annual Growth plan on March 3 and I want my money back. Order #48213");
        client.nextMessageFrom("customer");
        assertEquals("handoff", client.nextFrame().path("type").asText());

        Scrape after = scrapeUntil(s -> s.value("baton_handoffs_total", "reason", "refund") > refunds
                && s.value("baton_bot_turn_seconds_count") >= turns + 2);
        assertEquals(widgets + 1, after.value("baton_sockets_open", "kind", "widget"), after.text);
        assertEquals(customerIn + 2, after.value("baton_messages_total", "direction", "in", "author", "customer"));
        assertTrue(after.value("baton_messages_total", "direction", "out", "author", "bot") >= botOut + 1);
        assertEquals(turns + 2, after.value("baton_bot_turn_seconds_count"), after.text);
        assertTrue(after.value("baton_bot_turn_seconds_sum") > before.value("baton_bot_turn_seconds_sum"));
        assertTrue(after.value("baton_bot_turn_seconds_bucket", "le", "+Inf") >= turns + 2, "a histogram");
        assertEquals(refunds + 1, after.value("baton_handoffs_total", "reason", "refund"));
        assertTrue(after.value("baton_embedding_seconds_count", "call", "one") >= 1, "questions were embedded");
        assertTrue(after.value("baton_work_queue_lag_seconds_count", "queue", "bot") >= 2);
        assertTrue(after.has("baton_work_queue_pending") && after.has("baton_work_queue_oldest_waiting_seconds"));

        client.closeNow();
        Scrape closed = scrapeUntil(s -> s.value("baton_sockets_open", "kind", "widget") == widgets);
        assertEquals(widgets, closed.value("baton_sockets_open", "kind", "widget"), "the socket is counted out");
    }

    @Test
    void webhook_attempts_are_counted_by_outcome() throws IOException {
        Scrape before = scrape();
        double retrying = before.value("baton_webhook_deliveries_total", "outcome", "retrying");
        double delivered = before.value("baton_webhook_deliveries_total", "outcome", "delivered");
        // A receiver that fails the first attempt and takes the second.
        AtomicInteger calls = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(calls.incrementAndGet() == 1 ? 500 : 204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            ConsoleApi admin = ConsoleApi.loggedIn(baton.port(), ADMIN, PASSWORD);
            var created = admin.post("/api/webhooks", Map.of("url", "http://127.0.0.1:"
                    + receiver.getAddress().getPort() + "/hooks", "events", List.of("conversation.resolved")));
            assertEquals(202, admin.post("/api/webhooks/" + created.body().path("id").asText() + "/test", Map.of())
                    .status());

            Scrape after = scrapeUntil(s -> s.value("baton_webhook_deliveries_total", "outcome", "delivered")
                    > delivered);
            assertEquals(retrying + 1, after.value("baton_webhook_deliveries_total", "outcome", "retrying"));
            assertEquals(delivered + 1, after.value("baton_webhook_deliveries_total", "outcome", "delivered"));
            assertEquals(2, calls.get());
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void console_sockets_are_counted_apart_from_the_widget_s() {
        baton.addAgent("metrics.agent@test.example", "Metrics Agent", AgentRole.AGENT, 3, PASSWORD);
        double consoles = scrape().value("baton_sockets_open", "kind", "console");
        double widgets = scrape().value("baton_sockets_open", "kind", "widget");
        ConsoleApi api = ConsoleApi.loggedIn(baton.port(), "metrics.agent@test.example", PASSWORD);
        AgentClient agent = sockets.track(AgentClient.of(baton.port(), api).open());
        agent.hello(null);

        Scrape open = scrape();
        assertEquals(consoles + 1, open.value("baton_sockets_open", "kind", "console"));
        assertEquals(widgets, open.value("baton_sockets_open", "kind", "widget"));
    }

    @Test
    void the_jvm_and_the_process_are_measured() {
        Scrape scrape = scrape();
        for (String name : List.of("jvm_memory_used_bytes", "jvm_gc_memory_allocated_bytes_total",
                "jvm_threads_live_threads", "process_cpu_usage", "process_uptime_seconds", "process_files_open_files")) {
            assertTrue(scrape.has(name), name + " in\n" + scrape.text);
        }
    }

    @Test
    void redis_error_replies_are_counted_by_command() {
        assertEquals(0, scrape().value("baton_redis_command_errors_total", "command", "xgroup"),
                "the first node creates the work queues' groups");
        // A second node finds them there: Redis answers BUSYGROUP, an error reply the node expects and counts.
        try (TestApp second = baton.anotherNode()) {
            var response = get("http://127.0.0.1:" + second.port() + "/metrics");
            Scrape scrape = new Scrape(response.body());
            assertEquals(2, scrape.value("baton_redis_command_errors_total", "command", "xgroup",
                    "error", "JedisDataException"), scrape.text);
        }
    }

    @Test
    void a_forwarded_request_is_refused_even_from_a_trusted_proxy_on_this_machine() {
        var fromOutside = RawHttp.get(PROXY, baton.port(), "/metrics", "X-Forwarded-For", "203.0.113.9");
        var claimingLoopback = RawHttp.get(PROXY, baton.port(), "/metrics", "X-Forwarded-For", "127.0.0.1");
        var standardHeader = RawHttp.get(PROXY, baton.port(), "/metrics", "Forwarded", "for=127.0.0.1");

        for (var refused : List.of(fromOutside, claimingLoopback, standardHeader)) {
            assertRefused(refused);
        }
    }

    @Test
    void a_request_a_loopback_peer_forwards_is_refused_too() {
        assertRefused(RawHttp.get("127.0.0.1", baton.port(), "/metrics", "X-Forwarded-For", "203.0.113.9"));
    }

    /**
     * A proxy on this machine that adds no {@code X-Forwarded-For} (a TCP or TLS pass-through, or one set up without
     * it) makes its outside clients arrive from a loopback address: a trusted proxy's request needs the token.
     */
    @Test
    void a_trusted_proxy_on_this_machine_is_refused_without_forwarding_headers() {
        assertEquals(200, RawHttp.get("127.0.0.1", baton.port(), "/metrics").status(),
                "a direct loopback peer reads them over the same raw client");
        assertRefused(RawHttp.get(PROXY, baton.port(), "/metrics"));
    }

    private static void assertRefused(RawHttp.Response refused) {
        assertEquals(403, refused.status(), refused.body());
        assertTrue(refused.header("Content-Type").startsWith("application/json"), refused.body());
        assertTrue(!refused.body().contains("jvm_"), "no metrics in a refusal");
    }

    @Test
    void another_address_of_this_machine_is_not_loopback() {
        String address = nonLoopbackAddress();
        var response = get("http://" + address + ":" + baton.port() + "/metrics");
        assertEquals(403, response.statusCode(), response::body);
        assertEquals(200, get("http://" + address + ":" + baton.port() + "/health").statusCode(),
                "the server does answer there");
    }

    private static boolean up(NetworkInterface network) {
        try {
            return network.isUp();
        } catch (SocketException e) {
            return false;
        }
    }

    @Test
    void ipv6_loopback_is_loopback_too() {
        HttpResponse<String> response;
        try {
            response = HTTP.send(HttpRequest.newBuilder(URI.create("http://[::1]:" + baton.port() + "/metrics"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            Assumptions.abort("no IPv6 loopback here: " + e);
            return;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertEquals(200, response.statusCode(), response::body);
    }

    /** An IPv4 address of this machine other than loopback (the test is skipped on a machine without one). */
    private static String nonLoopbackAddress() {
        try {
            return NetworkInterface.networkInterfaces().filter(MetricsTest::up)
                    .flatMap(NetworkInterface::inetAddresses)
                    .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress()
                            && !address.isLinkLocalAddress())
                    .map(InetAddress::getHostAddress).findFirst()
                    .orElseGet(() -> {
                        Assumptions.abort("this machine has no address but loopback");
                        return null;
                    });
        } catch (SocketException e) {
            throw new AssertionError(e);
        }
    }
}
