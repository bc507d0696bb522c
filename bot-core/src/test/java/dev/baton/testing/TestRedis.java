package dev.baton.testing;

import dev.baton.store.RedisKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.UUID;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import redis.embedded.RedisServer;

/**
 * The real Redis that tests talk to: {@code REDIS_URL} when set, otherwise one embedded redis-server per test JVM on
 * a free port (never 6379 by accident), without persistence. Tests isolate themselves with their own key namespace.
 */
public final class TestRedis {
    private static RedisServer embedded;
    private static String url;

    private TestRedis() {}

    public static synchronized String url() {
        if (url == null) {
            String configured = System.getenv("REDIS_URL");
            url = configured != null && !configured.isBlank() ? configured : startEmbedded();
        }
        return url;
    }

    public static RedisClient newClient() {
        return RedisClient.create(URI.create(url()));
    }

    /** A key namespace no other test uses. */
    public static RedisKeys newKeys() {
        return new RedisKeys("test-" + UUID.randomUUID());
    }

    /** Deletes every key of a test's namespace, so a shared REDIS_URL does not fill up. */
    public static void clean(RedisClient redis, RedisKeys keys) {
        String cursor = ScanParams.SCAN_POINTER_START;
        ScanParams match = new ScanParams().match(keys.namespace() + ":*").count(1000);
        do {
            ScanResult<String> page = redis.scan(cursor, match);
            if (!page.getResult().isEmpty()) {
                page.getResult().forEach(redis::del);
            }
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String startEmbedded() {
        int port = freePort();
        try {
            embedded = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("appendonly no")
                    .setting("save \"\"")
                    .onShutdownForceStop(true)
                    .build();
            embedded.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded Redis for tests", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                embedded.stop();
            } catch (IOException ignored) {
                // the JVM is exiting; the OS reaps the process
            }
        }));
        return "redis://127.0.0.1:" + port;
    }
}
