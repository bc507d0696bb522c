package dev.baton.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.access.Passwords;
import dev.baton.routing.Agent;
import dev.baton.routing.AgentRole;
import dev.baton.store.Json;
import dev.baton.store.RedisAgentStore;
import dev.baton.store.RedisArticleStore;
import dev.baton.store.RedisKeys;
import dev.baton.testing.FixtureArticles;
import dev.baton.testing.TestRedis;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/**
 * A knowledge base's calibration is measured once, stored in Redis with the content it was measured on, and read
 * back by the next start: no measuring again, and an admin's override is still there.
 */
class CalibrationRestartTest {
    private static final String PASSWORD = "a-long-test-password";
    private static final String EMAIL = "calibration-admin@perkful.example";

    private final RedisClient redis = TestRedis.newClient();
    private final RedisKeys keys = TestRedis.newKeys();

    private BatonApp start() {
        return BatonApp.start(BatonConfig.defaults().withPort(0).withRedisUrl(TestRedis.url()).withDemo(false)
                .withNamespace(keys.namespace()));
    }

    @AfterEach
    void cleanUp() {
        TestRedis.clean(redis, keys);
        redis.close();
    }

    private static JsonNode calibrationOnceMeasured(ConsoleApi admin) {
        return await("the knowledge base is calibrated").atMost(Duration.ofMinutes(2)).until(
                () -> admin.get("/api/kb/calibration").body(), calibration -> !calibration.path("measuring").asBoolean());
    }

    @Test
    void a_calibrated_threshold_is_stored_with_the_knowledge_base_and_survives_a_restart() throws Exception {
        FixtureArticles.all().forEach(new RedisArticleStore(redis, keys, Json.newMapper())::save);
        new RedisAgentStore(redis, keys, Json.newMapper()).save(new Agent(UUID.randomUUID().toString(), EMAIL,
                "Alex Kim", null, AgentRole.ADMIN, List.of(), "UTC", 5, new Passwords().hash(PASSWORD), null));

        JsonNode measured;
        JsonNode overridden;
        try (BatonApp first = start()) {
            ConsoleApi admin = ConsoleApi.loggedIn(first.port(), EMAIL, PASSWORD);
            measured = calibrationOnceMeasured(admin);
            assertFalse(measured.path("overridden").asBoolean());
            assertTrue(measured.path("examplesAsked").asInt() > 0, measured::toString);
            assertTrue(measured.path("summary").asText().startsWith("About "), measured::toString);
            assertTrue(redis.exists(keys.kbCalibration()));

            overridden = admin.put("/api/kb/calibration", Map.of("answerThreshold", 0.81, "offerThreshold", 0.33))
                    .body();
            assertTrue(overridden.path("overridden").asBoolean(), overridden::toString);
            assertEquals(0.81, overridden.path("answerThreshold").asDouble());
        }

        try (BatonApp second = start()) {
            ConsoleApi admin = ConsoleApi.loggedIn(second.port(), EMAIL, PASSWORD);
            JsonNode afterRestart = admin.get("/api/kb/calibration").body();
            // Right after the start, not measured again: the stored one, with its time of measuring.
            assertFalse(afterRestart.path("measuring").asBoolean(), afterRestart::toString);
            assertEquals(overridden.path("measuredAt").asText(), afterRestart.path("measuredAt").asText());
            assertEquals(0.81, afterRestart.path("answerThreshold").asDouble());
            assertEquals(0.33, afterRestart.path("offerThreshold").asDouble());
            assertTrue(afterRestart.path("overridden").asBoolean());
            second.awaitCalibrated();
            assertEquals(overridden.path("measuredAt").asText(),
                    admin.get("/api/kb/calibration").body().path("measuredAt").asText(), "nothing measured again");

            JsonNode automatic = admin.put("/api/kb/calibration", Map.of("automatic", true)).body();
            assertFalse(automatic.path("overridden").asBoolean());
            assertEquals(measured.path("answerThreshold").asDouble(), automatic.path("answerThreshold").asDouble());
        }
    }

    @Test
    void only_admins_see_or_change_the_calibration() throws Exception {
        FixtureArticles.all().forEach(new RedisArticleStore(redis, keys, Json.newMapper())::save);
        new RedisAgentStore(redis, keys, Json.newMapper()).save(new Agent(UUID.randomUUID().toString(),
                "agent@perkful.example", "Sam Lee", null, AgentRole.AGENT, List.of(), "UTC", 5,
                new Passwords().hash(PASSWORD), null));
        try (BatonApp app = start()) {
            ConsoleApi agent = ConsoleApi.loggedIn(app.port(), "agent@perkful.example", PASSWORD);
            assertEquals(403, agent.get("/api/kb/calibration").status());
            assertEquals(403, agent.put("/api/kb/calibration", Map.of("answerThreshold", 0.1)).status());
        }
    }

    @Test
    void a_change_that_is_not_a_whole_pair_of_thresholds_or_automatic_is_refused_and_changes_nothing()
            throws Exception {
        FixtureArticles.all().forEach(new RedisArticleStore(redis, keys, Json.newMapper())::save);
        new RedisAgentStore(redis, keys, Json.newMapper()).save(new Agent(UUID.randomUUID().toString(), EMAIL,
                "Alex Kim", null, AgentRole.ADMIN, List.of(), "UTC", 5, new Passwords().hash(PASSWORD), null));
        try (BatonApp app = start()) {
            ConsoleApi admin = ConsoleApi.loggedIn(app.port(), EMAIL, PASSWORD);
            JsonNode measured = calibrationOnceMeasured(admin);
            for (Object bad : List.of(List.of(), "0.5", Map.of(), Map.of("answerThreshold", 0.9),
                    Map.of("automatic", "yes"), Map.of("automatic", false),
                    Map.of("automatic", true, "answerThreshold", 0.9),
                    Map.of("answerThreshold", 0.2, "offerThreshold", 0.5),
                    Map.of("answerThreshold", 1.5, "offerThreshold", 0.5))) {
                ConsoleApi.Response refused = admin.put("/api/kb/calibration", bad);
                assertEquals(400, refused.status(), () -> bad + " -> " + refused.body());
                assertFalse(refused.body().path("message").asText().isBlank(), () -> bad + " -> " + refused.body());
            }
            assertEquals(measured, admin.get("/api/kb/calibration").body(), "nothing changed");
        }
    }
}
