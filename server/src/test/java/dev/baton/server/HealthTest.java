package dev.baton.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.testing.FixtureArticles;
import dev.baton.testing.TestRedis;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /health} names each background part of the node and turns 503 when one stops, here the webhooks' work
 * queue, whose reader thread is made to stop the way an interrupted thread does.
 */
class HealthTest {
    private static final List<String> PARTS = List.of("redis", "eventFeed", "signals", "assigner",
            "webhookDispatcher", "botQueue", "webhookQueue");
    private static TestApp baton;

    @BeforeAll
    static void start() {
        baton = new TestApp(FixtureArticles.all());
    }

    @AfterAll
    static void stop() {
        baton.close();
    }

    private static JsonNode read(HttpResponse<String> response) {
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        try {
            return new ObjectMapper().readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void names_every_part_and_turns_503_naming_the_one_that_stopped() throws InterruptedException {
        var healthy = HttpGet.get(baton.port(), "/health");
        JsonNode body = read(healthy);
        assertEquals(200, healthy.statusCode(), healthy::body);
        assertEquals("ok", body.path("status").asText());
        assertEquals(0, body.path("down").size());
        Set<String> names = new TreeSet<>();
        body.path("parts").fields().forEachRemaining(part -> {
            names.add(part.getKey());
            assertEquals("up", part.getValue().asText(), part.getKey());
        });
        assertEquals(new TreeSet<>(PARTS), names);
        assertFalse(healthy.body().contains(baton.keys.namespace()), "no Redis keys");
        assertFalse(healthy.body().contains(TestRedis.url()), "no Redis address");

        stopThread("baton-work-webhooks");

        HttpResponse<String> sick = HttpGet.get(baton.port(), "/health");
        for (int i = 0; i < 50 && sick.statusCode() == 200; i++) {
            Thread.sleep(100);
            sick = HttpGet.get(baton.port(), "/health");
        }
        JsonNode down = read(sick);
        assertEquals(503, sick.statusCode(), sick::body);
        assertEquals("unavailable", down.path("status").asText());
        assertEquals(List.of("webhookQueue"), List.of(down.path("down").get(0).asText()));
        assertEquals(1, down.path("down").size(), sick::body);
        assertEquals("down", down.path("parts").path("webhookQueue").asText());
        assertEquals("up", down.path("parts").path("botQueue").asText());
    }

    /** Interrupts the thread of that name and waits for it to end. */
    private static void stopThread(String name) throws InterruptedException {
        List<Thread> threads = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals(name) && thread.isAlive()).toList();
        assertEquals(1, threads.size(), "one " + name + " thread");
        threads.get(0).interrupt();
        threads.get(0).join(10_000);
        assertFalse(threads.get(0).isAlive(), name + " stopped");
    }
}
