package dev.baton.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import redis.clients.jedis.Jedis;
import redis.embedded.core.ExecutableProvider;

/**
 * A redis-server in a process of its own (the binary bundled in the embedded-redis jar, or {@code redis-server}
 * from the PATH), with Baton's persistence settings: append-only file, fsync every second, no snapshots. It can be
 * killed with SIGKILL and started again on the same port and files, as a crashed Redis is restarted.
 */
final class RedisProcess implements AutoCloseable {
    private final File binary;
    private final Path dir;
    private final int port;
    private Process process;

    private RedisProcess(File binary, Path dir, int port) {
        this.binary = binary;
        this.dir = dir;
        this.port = port;
    }

    static RedisProcess start(Path dir) {
        RedisProcess redis = new RedisProcess(binary(), dir, freePort());
        redis.restart();
        return redis;
    }

    private static File binary() {
        try {
            File bundled = ExecutableProvider.newJarResourceProvider().get();
            if (new ProcessBuilder(bundled.getPath(), "--version").start().waitFor() == 0) {
                return bundled;
            }
        } catch (IOException | RuntimeException cannotRunHere) {
            // try the system's below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            return ExecutableProvider.newExecutableInPath("redis-server").get();
        } catch (IOException e) {
            throw new UncheckedIOException("no redis-server can run here", e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Starts the server (again) on its port and files, and waits until it has loaded the append-only file. */
    void restart() {
        try {
            process = new ProcessBuilder(List.of(binary.getPath(), "--port", Integer.toString(port), "--bind",
                    "127.0.0.1", "--dir", dir.toString(), "--appendonly", "yes", "--appendfsync", "everysec",
                    "--save", ""))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + binary, e);
        }
        Waiting.until(Duration.ofSeconds(30), "Redis on port " + port + " to load its data", this::loaded);
    }

    private boolean loaded() {
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            return "PONG".equals(jedis.ping());
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    /** SIGKILL: no shutdown, no last write; what survives is what the append-only file already had. */
    void kill() {
        Processes.kill(process);
    }

    @Override
    public void close() {
        Processes.stop(process);
    }
}
