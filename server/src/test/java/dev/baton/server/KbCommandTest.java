package dev.baton.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.store.Json;
import dev.baton.store.RedisArticleStore;
import dev.baton.store.RedisKeys;
import dev.baton.testing.TestRedis;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.RedisClient;

/** {@code baton kb import} and {@code export} against a real Redis (the CLI's own namespace, cleaned after). */
class KbCommandTest {
    private static final RedisKeys BATON = new RedisKeys("baton");
    private final RedisClient redis = TestRedis.newClient();

    @TempDir
    Path dir;

    @AfterEach
    void cleanUp() {
        TestRedis.clean(redis, BATON);
        redis.close();
    }

    private int run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        try {
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            return Main.commandLine().execute(args);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void a_file_is_imported_all_or_nothing_and_exported_back() throws IOException {
        Path good = Files.writeString(dir.resolve("good.json"), """
                [{"id": "gift-cards", "title": "Gift cards", "body": "Gift cards never expire.",
                  "tags": ["rewards"], "language": "en", "examples": ["Do gift cards expire?"]},
                 {"id": "vip", "title": "VIP tiers", "body": "Three tiers.", "status": "draft"}]
                """);
        Path bad = Files.writeString(dir.resolve("bad.json"), """
                [{"id": "fine", "title": "Fine", "body": "Fine."}, {"id": "no-title", "body": "x"}]
                """);
        var live = new RedisArticleStore(redis, BATON, Json.newMapper());

        assertEquals(1, run("kb", "import", bad.toString(), "--redis-url", TestRedis.url()));
        assertTrue(live.find("fine").isEmpty(), "nothing of a file with a bad record");
        assertEquals(0, run("kb", "import", good.toString(), "--redis-url", TestRedis.url()));
        assertEquals("Gift cards never expire.", live.find("gift-cards").orElseThrow().body());
        assertTrue(live.find("vip").isEmpty(), "a draft is imported but not published");

        Path exported = dir.resolve("out.json");
        assertEquals(0, run("kb", "export", exported.toString(), "--redis-url", TestRedis.url()));
        JsonNode articles = new ObjectMapper().readTree(exported.toFile());
        assertEquals(2, articles.size());
        assertEquals("gift-cards", articles.get(0).path("id").asText());
        assertEquals("published", articles.get(0).path("status").asText());
        assertEquals("draft", articles.get(1).path("status").asText());
        assertEquals(2, run("kb", "import", dir.resolve("missing.json").toString(), "--redis-url", TestRedis.url()));
    }
}
