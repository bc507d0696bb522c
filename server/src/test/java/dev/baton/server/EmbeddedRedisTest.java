package dev.baton.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.testing.TestRedis;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.RedisClient;
import redis.embedded.RedisServer;

/** The Redis Baton starts for itself: persistent, alone on its data folder, and tidy after a crash. */
class EmbeddedRedisTest {

    @TempDir
    Path dataDir;

    @Test
    void data_written_before_a_stop_is_there_after_a_start() {
        try (EmbeddedRedis redis = EmbeddedRedis.start(dataDir);
                RedisClient client = RedisClient.create(URI.create(redis.url()))) {
            client.set("kept", "yes");
        }

        try (EmbeddedRedis redis = EmbeddedRedis.start(dataDir);
                RedisClient client = RedisClient.create(URI.create(redis.url()))) {
            assertEquals("yes", client.get("kept"));
        }
    }

    @Test
    void a_second_baton_on_the_same_data_folder_is_refused_and_the_first_keeps_running() {
        try (EmbeddedRedis first = EmbeddedRedis.start(dataDir);
                RedisClient client = RedisClient.create(URI.create(first.url()))) {
            var refused = assertThrows(IllegalStateException.class, () -> EmbeddedRedis.start(dataDir));

            assertTrue(refused.getMessage().contains("Another Baton is running"), refused.getMessage());
            assertEquals("PONG", client.ping());
        }
    }

    @Test
    void a_redis_left_running_by_a_killed_baton_is_shut_down_before_ours_starts() throws Exception {
        int port = TestRedis.freePort();
        RedisServer orphan = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                .setting("dir \"" + dataDir.toAbsolutePath() + "\"").setting("appendonly yes").build();
        orphan.start();
        try (RedisClient client = RedisClient.create(URI.create("redis://127.0.0.1:" + port))) {
            client.set("written-before-the-crash", "yes");
        }
        Files.writeString(dataDir.resolve("redis.port"), Integer.toString(port));

        try (EmbeddedRedis redis = EmbeddedRedis.start(dataDir);
                RedisClient client = RedisClient.create(URI.create(redis.url()))) {
            assertEquals("yes", client.get("written-before-the-crash"));
            assertFalse(orphanAnswers(port), "the orphan was shut down, so only one server writes the files");
        } finally {
            orphan.stop();
        }
    }

    private static boolean orphanAnswers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (java.io.IOException refused) {
            return false;
        }
    }
}
