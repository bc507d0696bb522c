package dev.baton.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.baton.conversation.Seq;
import dev.baton.routing.Agent;
import dev.baton.routing.AgentRole;
import dev.baton.testing.FixtureArticles;
import dev.baton.testing.TestRedis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Webhooks end to end: an admin registers a local receiver, a real conversation is handed off, claimed, resolved and
 * rated, and the receiver gets each event once, signed, even though two Baton nodes share the Redis.
 */
class WebhooksTest {
    private static final String PASSWORD = "correct horse battery";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BatonConfig.Webhooks LOCAL_RECEIVERS = new BatonConfig.Webhooks(true, null);
    private static TestApp baton;
    /** A second node on the same Redis and namespace: it hears every event too. */
    private static BatonApp secondNode;
    private static Agent ana;
    private final List<JsonSocketClient> sockets = new ArrayList<>();
    private final List<Receiver> receivers = new ArrayList<>();
    private ConsoleApi admin;

    @BeforeAll
    static void start() {
        // The receivers listen on the loopback, which webhooks may reach only when private addresses are allowed.
        baton = new TestApp(FixtureArticles.all(), config -> config.withAdmin("admin@test.example", PASSWORD)
                .withWebhooks(LOCAL_RECEIVERS));
        secondNode = BatonApp.start(BatonConfig.defaults().withPort(0).withRedisUrl(TestRedis.url()).withDemo(false)
                .withNamespace(baton.keys.namespace()).withWebhooks(LOCAL_RECEIVERS));
        // In no team of the handoffs' and never online, so routing assigns nothing: the claim is the assignment.
        ana = baton.addAgent("ana@test.example", "Ana Ortiz", AgentRole.AGENT, 5, PASSWORD, "general");
    }

    @AfterAll
    static void stop() {
        secondNode.close();
        baton.close();
    }

    @AfterEach
    void cleanUp() {
        sockets.forEach(JsonSocketClient::closeNow);
        if (admin != null) {
            admin.get("/api/webhooks").body().path("webhooks")
                    .forEach(webhook -> admin.delete("/api/webhooks/" + webhook.path("id").asText()));
        }
        receivers.forEach(receiver -> receiver.server.stop(0));
    }

    /** A request the receiver got. */
    record Received(Map<String, String> headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A local HTTP server that records what it is sent and answers with the statuses it is given, then 200. */
    final class Receiver {
        final HttpServer server;
        final BlockingQueue<Received> requests = new LinkedBlockingQueue<>();
        final ConcurrentLinkedQueue<Integer> answers = new ConcurrentLinkedQueue<>();

        Receiver() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/hooks", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
                headers.put("method", exchange.getRequestMethod());
                requests.add(new Received(headers, body));
                Integer status = answers.poll();
                exchange.sendResponseHeaders(status == null ? 200 : status, -1);
                exchange.close();
            });
            server.start();
            receivers.add(this);
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
        }

        Received next() throws InterruptedException {
            Received received = requests.poll(10, TimeUnit.SECONDS);
            assertNotNull(received, "the receiver got nothing");
            return received;
        }
    }

    /** The next frame of {@code type}, after any others (system messages, agent_joined, ...). */
    private static JsonNode skipTo(JsonSocketClient client, String type) {
        while (true) {
            JsonNode frame = client.nextFrame();
            if (type.equals(frame.path("type").asText())) {
                return frame;
            }
        }
    }

    private ConsoleApi admin() {
        admin = ConsoleApi.loggedIn(baton.port(), "admin@test.example", PASSWORD);
        return admin;
    }

    /** Checks the signature as a receiver would, with its own HMAC (not Baton's code), and returns the time. */
    private static long verifySignature(Received received, String secret) {
        String header = received.headers().get("X-Baton-Signature");
        assertNotNull(header, "signed");
        String[] parts = header.split(",");
        assertTrue(parts[0].startsWith("t=") && parts[1].startsWith("v1="), header);
        String t = parts[0].substring(2);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String expected = HexFormat.of().formatHex(mac.doFinal((t + "." + received.body())
                    .getBytes(StandardCharsets.UTF_8)));
            assertEquals(expected, parts[1].substring(3), "the signature of " + received.body());
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
        long seconds = Long.parseLong(t);
        assertTrue(Math.abs(System.currentTimeMillis() / 1000 - seconds) < 60, "signed now");
        return seconds;
    }

    @Test
    void each_event_of_a_conversation_reaches_the_receiver_once_in_order_and_signed() throws InterruptedException {
        Receiver receiver = new Receiver();
        var created = admin().post("/api/webhooks", Map.of("url", receiver.url(), "events",
                List.of("conversation.handed_off", "conversation.assigned", "conversation.resolved",
                        "csat.submitted")));
        assertEquals(201, created.status(), created.body()::toString);
        String secret = created.body().path("secret").asText();
        assertTrue(secret.startsWith("whsec_"), secret);

        // The customer talks to the second node, the agent works on the first.
        ChatClient customer = ChatClient.connect(secondNode.port());
        sockets.add(customer);
        String id = customer.helloAsNewVisitor().path("conversationId").asText();
        customer.ask("m1", "I want a refund for my last invoice");
        customer.nextMessageFrom("customer");
        customer.next("handoff");
        ConsoleApi anaApi = ConsoleApi.loggedIn(baton.port(), ana.email(), PASSWORD);
        assertEquals(200, anaApi.post("/api/conversations/" + id + "/claim", Map.of()).status());
        // A payload holds the conversation as it stood when it was prepared: resolving only after the assignment's
        // delivery came keeps its owner "agent" however slow the node is to prepare it.
        List<Received> got = new ArrayList<>(List.of(receiver.next(), receiver.next()));
        assertEquals(200, anaApi.post("/api/conversations/" + id + "/resolve", Map.of()).status());
        skipTo(customer, "status");
        customer.sendFrame(ChatClient.frame("csat").put("rating", 4).put("comment", "Quick."));
        skipTo(customer, "csat");
        got.add(receiver.next());
        got.add(receiver.next());
        // A test delivery sent after them, as a marker: anything sent twice would have come by the time it does.
        String webhookId = created.body().path("id").asText();
        assertEquals(202, admin.post("/api/webhooks/" + webhookId + "/test", Map.of()).status());
        assertEquals("ping", receiver.next().headers().get("X-Baton-Event"), "the marker came next");
        assertEquals(List.of(), List.copyOf(receiver.requests), "nothing sent twice, by either node");

        // Two nodes deliver in parallel, so arrival order is not guaranteed (docs/console-api.md): receivers order
        // by the event's seq, as this does.
        got.sort((a, b) -> Seq.compare(a.json().path("seq").asText(), b.json().path("seq").asText()));
        assertEquals(List.of("conversation.handed_off", "conversation.assigned", "conversation.resolved",
                "csat.submitted"), got.stream().map(r -> r.json().path("event").asText()).toList());
        for (Received received : got) {
            verifySignature(received, secret);
            JsonNode payload = received.json();
            assertEquals("POST", received.headers().get("method"));
            assertEquals(payload.path("event").asText(), received.headers().get("X-Baton-Event"));
            assertEquals(payload.path("id").asText(), received.headers().get("X-Baton-Delivery"));
            assertEquals(id, payload.path("conversationId").asText());
            assertFalse(payload.path("seq").asText().isEmpty());
            assertTrue(payload.path("createdAt").asLong() > 0);
            assertFalse(received.body().contains(secret), "the secret is never sent");
            assertFalse(received.body().contains("passwordHash") || received.body().contains("$2a$"),
                    "nor a password hash");
        }
        assertEquals(4, got.stream().map(r -> r.json().path("id").asText()).distinct().count());
        JsonNode handedOff = got.get(0).json().path("data");
        assertEquals("refund", handedOff.path("reason").asText());
        assertEquals("billing", handedOff.path("team").asText());
        JsonNode assigned = got.get(1).json().path("data");
        assertEquals("Ana Ortiz", assigned.path("agent").path("name").asText());
        assertEquals(ana.id(), assigned.path("agent").path("id").asText());
        assertEquals("agent", assigned.path("owner").asText());
        assertEquals("Ana Ortiz", assigned.path("assignee").path("name").asText());
        assertEquals(ana.id(), got.get(2).json().path("data").path("by").asText());
        JsonNode rated = got.get(3).json().path("data");
        assertEquals(4, rated.path("rating").asInt());
        assertEquals("Quick.", rated.path("comment").asText());
        assertEquals("resolved", rated.path("owner").asText());

        JsonNode log = eventuallyLog(webhookId, 5);
        assertEquals(5, log.size(), "the four events and the marker, each once: " + log);
        log.forEach(entry -> {
            assertEquals("delivered", entry.path("outcome").asText());
            assertEquals(1, entry.path("attempt").asInt());
            assertEquals(200, entry.path("status").asInt());
        });
    }

    @Test
    void a_failing_receiver_is_retried_with_backoff_until_it_answers() throws InterruptedException {
        Receiver receiver = new Receiver();
        receiver.answers.addAll(List.of(500, 500));
        var created = admin().post("/api/webhooks", Map.of("url", receiver.url(), "events",
                List.of("conversation.resolved")));
        String webhookId = created.body().path("id").asText();

        var test = admin.post("/api/webhooks/" + webhookId + "/test", Map.of());
        assertEquals(202, test.status(), test.body()::toString);
        String deliveryId = test.body().path("deliveryId").asText();
        List<Received> attempts = List.of(receiver.next(), receiver.next(), receiver.next());

        for (Received attempt : attempts) {
            assertEquals(deliveryId, attempt.headers().get("X-Baton-Delivery"));
            assertEquals("ping", attempt.headers().get("X-Baton-Event"));
            assertEquals(attempts.get(0).body(), attempt.body(), "every attempt sends the same body");
            verifySignature(attempt, created.body().path("secret").asText());
        }
        JsonNode log = eventuallyLog(webhookId, 3);
        assertEquals(List.of(3, 2, 1), ints(log, "attempt"));
        assertEquals(List.of(200, 500, 500), ints(log, "status"));
        assertEquals("delivered", log.get(0).path("outcome").asText());
        assertEquals("retrying", log.get(1).path("outcome").asText());
        assertEquals("retrying", log.get(2).path("outcome").asText());
        long firstPause = log.get(2).path("nextRetryAt").asLong() - log.get(2).path("at").asLong();
        long secondPause = log.get(1).path("nextRetryAt").asLong() - log.get(1).path("at").asLong();
        assertTrue(secondPause > firstPause && firstPause >= 1000, firstPause + " then " + secondPause);
        assertTrue(log.get(0).path("nextRetryAt").isMissingNode());
        var marker = admin.post("/api/webhooks/" + webhookId + "/test", Map.of());
        assertEquals(marker.body().path("deliveryId").asText(), receiver.next().headers().get("X-Baton-Delivery"),
                "the next request is the marker, not another attempt of the delivered one");
        assertTrue(receiver.requests.isEmpty(), "done after the success");
    }

    private JsonNode eventuallyLog(String webhookId, int entries) {
        return await("a delivery log of " + entries).atMost(Duration.ofSeconds(10))
                .until(() -> admin.get("/api/webhooks/" + webhookId + "/deliveries").body().path("deliveries"),
                        log -> log.size() >= entries);
    }

    private static List<Integer> ints(JsonNode entries, String field) {
        List<Integer> values = new ArrayList<>();
        entries.forEach(entry -> values.add(entry.path(field).asInt()));
        return values;
    }

    @Test
    void only_admins_may_see_or_change_webhooks() {
        var created = admin().post("/api/webhooks", Map.of("url", "https://hooks.example.com/baton", "events",
                List.of("csat.submitted")));
        String path = "/api/webhooks/" + created.body().path("id").asText();
        ConsoleApi agent = ConsoleApi.loggedIn(baton.port(), ana.email(), PASSWORD);
        ConsoleApi stranger = new ConsoleApi(baton.port());
        Map<String, Object> body = Map.of("url", "https://evil.example.com/", "events", List.of("csat.submitted"));
        List<String[]> endpoints = List.of(new String[] {"GET", "/api/webhooks"},
                new String[] {"POST", "/api/webhooks"}, new String[] {"PUT", path}, new String[] {"DELETE", path},
                new String[] {"GET", path + "/deliveries"}, new String[] {"POST", path + "/test"});

        for (String[] endpoint : endpoints) {
            var asAgent = agent.send(endpoint[0], endpoint[1], body, true);
            var anonymous = stranger.send(endpoint[0], endpoint[1], body, false);
            assertEquals(403, asAgent.status(), () -> endpoint[0] + " " + endpoint[1]);
            assertEquals("forbidden", asAgent.errorCode());
            assertEquals(401, anonymous.status(), () -> endpoint[0] + " " + endpoint[1]);
            assertEquals("login_required", anonymous.errorCode());
        }
        JsonNode webhooks = admin.get("/api/webhooks").body().path("webhooks");
        assertEquals(1, webhooks.size());
        assertEquals("https://hooks.example.com/baton", webhooks.get(0).path("url").asText());
        assertEquals(created.body().path("secret").asText(), webhooks.get(0).path("secret").asText(),
                "admins see the secret");
    }

    @Test
    void bad_input_is_refused_with_a_clear_message_and_unknown_ids_are_not_found() {
        ConsoleApi api = admin();
        var ftp = api.post("/api/webhooks", Map.of("url", "ftp://files.example.com/", "events",
                List.of("csat.submitted")));
        var notUrl = api.post("/api/webhooks", Map.of("url", "not a url", "events", List.of("csat.submitted")));
        var noHost = api.post("/api/webhooks", Map.of("url", "http:///path", "events", List.of("csat.submitted")));
        var unknownEvent = api.post("/api/webhooks", Map.of("url", "https://hooks.example.com/", "events",
                List.of("message.created")));
        var noEvents = api.post("/api/webhooks", Map.of("url", "https://hooks.example.com/", "events", List.of()));
        var wrongType = api.post("/api/webhooks", Map.of("url", "https://hooks.example.com/", "events", "csat"));

        for (var refused : List.of(ftp, notUrl, noHost, unknownEvent, noEvents, wrongType)) {
            assertEquals(400, refused.status(), refused.body()::toString);
            assertEquals("invalid_request", refused.errorCode());
        }
        assertTrue(ftp.body().path("message").asText().contains("http"), ftp.body()::toString);
        assertTrue(unknownEvent.body().path("message").asText().contains("message.created"));
        assertEquals(0, api.get("/api/webhooks").body().path("webhooks").size(), "nothing bad was saved");

        for (var missing : List.of(api.put("/api/webhooks/wh_nope", Map.of("active", false)),
                api.delete("/api/webhooks/wh_nope"), api.get("/api/webhooks/wh_nope/deliveries"),
                api.post("/api/webhooks/wh_nope/test", Map.of()))) {
            assertEquals(404, missing.status());
            assertEquals("not_found", missing.errorCode());
        }

        var created = api.post("/api/webhooks", Map.of("url", "https://hooks.example.com/a", "events",
                List.of("conversation.resolved")));
        String path = "/api/webhooks/" + created.body().path("id").asText();
        var paused = api.put(path, Map.of("active", false));
        var badUpdate = api.put(path, Map.of("events", List.of("conversation.assigned", "nope")));
        assertEquals(200, paused.status());
        assertFalse(paused.body().path("active").asBoolean());
        assertEquals("https://hooks.example.com/a", paused.body().path("url").asText(), "fields not sent stay");
        assertEquals(created.body().path("secret"), paused.body().path("secret"), "the secret stays");
        assertEquals(400, badUpdate.status());
        assertEquals(204, api.delete(path).status());
        assertEquals(404, api.get(path + "/deliveries").status());
        assertNull(api.get("/api/webhooks").body().path("webhooks").get(0));
    }
}
