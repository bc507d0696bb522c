package dev.baton.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.store.Json;
import dev.baton.store.RedisWebhookStore;
import dev.baton.testing.FixtureArticles;
import dev.baton.webhook.Webhook;
import dev.baton.webhook.WebhookEvents;
import dev.baton.webhook.WebhookSignature;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Webhooks can't be aimed at Baton's own network: internal addresses are refused when a webhook is registered
 * (after resolving its host) and again at each delivery, on the address the connection would go to, so a host
 * that resolves to a public address at registration and to a private one later (DNS rebinding) gets nothing.
 */
class WebhookAddressesTest {
    private static final String PASSWORD = "correct horse battery";
    /** A public address (documentation ranges are refused as reserved, so this is a real one that is never called). */
    private static final String PUBLIC = "93.184.215.14";
    private static final AtomicInteger rebindLookups = new AtomicInteger();
    private static TestApp baton;
    private static ConsoleApi admin;
    /** Stands where an internal service would listen; counts every connection made to it. */
    private static ServerSocket internalService;
    private static final AtomicInteger connections = new AtomicInteger();

    @BeforeAll
    static void start() throws IOException {
        internalService = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!internalService.isClosed()) {
                try (Socket ignored = internalService.accept()) {
                    connections.incrementAndGet();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "internal-service");
        acceptor.setDaemon(true);
        acceptor.start();
        baton = new TestApp(FixtureArticles.all(), config -> config.withAdmin("admin@test.example", PASSWORD)
                .withWebhooks(new BatonConfig.Webhooks(false, WebhookAddressesTest::resolve)));
        admin = ConsoleApi.loggedIn(baton.port(), "admin@test.example", PASSWORD);
    }

    @AfterAll
    static void stop() throws IOException {
        baton.close();
        internalService.close();
    }

    /** The test's DNS: a name of the intranet, a name that rebinds after its first answer, and the system's. */
    private static List<InetAddress> resolve(String host) throws UnknownHostException {
        return switch (host) {
            case "intranet.perkful.example" -> List.of(InetAddress.getByName("10.1.2.3"));
            case "mixed.perkful.example" -> List.of(InetAddress.getByName(PUBLIC), InetAddress.getByName("10.9.9.9"));
            case "rebind.perkful.example" -> List.of(InetAddress.getByName(
                    rebindLookups.getAndIncrement() == 0 ? PUBLIC : "127.0.0.1"));
            case "public.perkful.example" -> List.of(InetAddress.getByName(PUBLIC));
            case "localhost" -> List.of(InetAddress.getLoopbackAddress());
            default -> throw new UnknownHostException(host);
        };
    }

    private static ConsoleApi.Response register(String url) {
        return admin.post("/api/webhooks", Map.of("url", url, "events", List.of("conversation.handed_off")));
    }

    @Test
    void internal_addresses_are_refused_at_registration_with_a_clear_message() {
        int port = internalService.getLocalPort();
        List<String> internal = List.of("http://127.0.0.1:" + port + "/hooks", "http://localhost:" + port + "/h",
                "http://169.254.169.254/latest/meta-data/", "http://[::1]:" + port + "/", "http://0.0.0.0/",
                "http://[::ffff:127.0.0.1]/", "http://[::ffff:a9fe:a9fe]/", "http://10.0.0.5/", "http://172.16.4.4/",
                "http://192.168.1.1/", "http://100.64.0.9/", "http://[fe80::1]/", "http://[fd12:3456::1]/",
                "http://224.0.0.1/", "http://[::]/", "https://intranet.perkful.example/hooks",
                "https://mixed.perkful.example/hooks", "http://2130706433/", "http://0177.0.0.1/");

        for (String url : internal) {
            var refused = register(url);
            assertEquals(400, refused.status(), () -> url + " -> " + refused.body());
            assertTrue(refused.body().path("message").asText().contains("BATON_WEBHOOK_ALLOW_PRIVATE"),
                    () -> url + ": " + refused.body());
        }
        var unknown = register("https://nowhere.perkful.example/hooks");
        assertEquals(400, unknown.status());
        assertTrue(unknown.body().path("message").asText().contains("nowhere.perkful.example"));
        var fine = register("https://public.perkful.example/hooks");
        assertEquals(201, fine.status(), fine.body()::toString);
        var movedInside = admin.put("/api/webhooks/" + fine.body().path("id").asText(),
                Map.of("url", "http://127.0.0.1:" + port + "/"));
        assertEquals(400, movedInside.status(), "changing the address is checked too");
        assertEquals(List.of("https://public.perkful.example/hooks"),
                admin.get("/api/webhooks").body().findValuesAsText("url"));
        assertEquals(0, connections.get(), "nothing connected to the internal service");
        admin.delete("/api/webhooks/" + fine.body().path("id").asText());
    }

    @Test
    void a_host_that_resolves_inside_at_delivery_is_refused_without_connecting() {
        var registered = register("http://rebind.perkful.example:" + internalService.getLocalPort() + "/hooks");
        assertEquals(201, registered.status(), "public when registered: " + registered.body());
        String id = registered.body().path("id").asText();

        assertEquals(202, admin.post("/api/webhooks/" + id + "/test", Map.of()).status());
        JsonNode entry = firstDelivery(id);

        assertEquals("refused", entry.path("outcome").asText(), entry::toString);
        assertTrue(entry.path("error").asText().contains("internal"), entry::toString);
        assertEquals(0, connections.get(), "no connection was even tried");
        assertEquals(1, admin.get("/api/webhooks/" + id + "/deliveries").body().path("deliveries").size(),
                "a refused delivery is not retried");
        admin.delete("/api/webhooks/" + id);
    }

    @Test
    void a_webhook_stored_with_an_internal_address_is_refused_at_delivery() {
        // Registered while private addresses were allowed, say, and the setting turned off since.
        var webhook = new Webhook("wh_stored", "http://127.0.0.1:" + internalService.getLocalPort() + "/hooks",
                WebhookEvents.NAMES, WebhookSignature.newSecret(), true, 1L);
        new RedisWebhookStore(baton.redis, baton.keys, Json.newMapper()).save(webhook);

        assertEquals(202, admin.post("/api/webhooks/wh_stored/test", Map.of()).status());
        JsonNode entry = firstDelivery("wh_stored");

        assertEquals("refused", entry.path("outcome").asText(), entry::toString);
        assertEquals(0, connections.get());
        admin.delete("/api/webhooks/wh_stored");
    }

    /** The first entry of a webhook's delivery log, waited for. */
    private static JsonNode firstDelivery(String webhookId) {
        return await("a delivery logged for " + webhookId).until(() -> admin.get("/api/webhooks/" + webhookId
                + "/deliveries").body().path("deliveries"), log -> log.size() > 0).get(0);
    }
}
