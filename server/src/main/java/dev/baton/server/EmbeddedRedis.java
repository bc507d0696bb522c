package dev.baton.server;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;
import redis.embedded.core.ExecutableProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real redis-server started by Baton when no {@code REDIS_URL} is given: the one shipped in the embedded-redis
 * jar (or {@code redis-server} from the PATH if that one can't run here), on a free loopback port, with
 * append-only persistence in the data folder. Stopping it lets Redis flush its files.
 *
 * <p>Baton runs the process itself rather than through embedded-redis' {@code RedisServer}: that one stops Redis
 * from a shutdown hook of its own, at the same time as Baton's hook stops the parts still reading from it. Here
 * Redis stops only when {@link #close()} is called, last, and it runs in a session of its own (through
 * {@code setsid} where there is one), so the Ctrl-C a terminal sends to Baton's process group does not reach it.
 */
public final class EmbeddedRedis implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedRedis.class);
    /** Remembers the port of the running server, to find one left behind by a Baton that was killed. */
    private static final String PORT_FILE = "redis.port";

    /** Held while this Baton owns the data folder; the OS releases it even when the process is killed. */
    private static final String LOCK_FILE = "baton.lock";
    /** Where redis-server writes its own log, so a start prints only Baton's lines. */
    private static final String LOG_FILE = "redis.log";
    private static final Duration READY_WITHIN = Duration.ofSeconds(15);
    private static final Duration STOP_WITHIN = Duration.ofSeconds(10);

    private final Process server;
    private final Path dataDir;
    private final int port;
    private final FileChannel lock;

    private EmbeddedRedis(Process server, Path dataDir, int port, FileChannel lock) {
        this.server = server;
        this.dataDir = dataDir;
        this.port = port;
        this.lock = lock;
    }

    public static EmbeddedRedis start(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        FileChannel lock = null;
        try {
            Files.createDirectories(dir);
            lock = lockDataDir(dir);
            stopLeftover(dir);
            int port = freePort();
            // Written before the server starts: a Baton killed right after the start still leaves a trail.
            Files.writeString(dir.resolve(PORT_FILE), Integer.toString(port), StandardCharsets.UTF_8);
            Process server;
            try {
                server = launch(ExecutableProvider.newJarResourceProvider().get(), dir, port);
            } catch (IOException | RuntimeException bundledFailed) {
                log.info("The bundled redis-server can't run here ({}); trying redis-server from the PATH",
                        bundledFailed.getMessage());
                server = launch(ExecutableProvider.newExecutableInPath("redis-server").get(), dir, port);
            }
            return new EmbeddedRedis(server, dir, port, lock);
        } catch (IOException | RuntimeException e) {
            closeQuietly(lock);
            if (e instanceof IllegalStateException alreadyUsed) {
                throw alreadyUsed;
            }
            throw new IllegalStateException("could not start the embedded Redis in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static FileChannel lockDataDir(Path dir) throws IOException {
        FileChannel channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        boolean locked;
        try {
            locked = channel.tryLock() != null;
        } catch (OverlappingFileLockException sameProcess) {
            locked = false;
        }
        if (!locked) {
            channel.close();
            throw new IllegalStateException("Another Baton is running on the data folder " + dir
                    + "; stop it or start this one with another --data-dir.");
        }
        return channel;
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // releasing the lock on a failed start; nothing more to do
            }
        }
    }

    private static Process launch(File executable, Path dir, int port) throws IOException {
        List<String> command = new ArrayList<>();
        Path setsid = Path.of("/usr/bin/setsid");
        if (Files.isExecutable(setsid)) {
            command.add(setsid.toString());
        }
        command.addAll(List.of(executable.getAbsolutePath(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--dir", dir.toString(), "--appendonly", "yes", "--appendfsync", "everysec", "--save", "",
                "--logfile", dir.resolve(LOG_FILE).toString()));
        Process process = new ProcessBuilder(command).directory(executable.getParentFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        awaitReady(process, port, dir);
        return process;
    }

    /** Waits until the server answers PING; one that exits or stays silent fails the start with its log's path. */
    private static void awaitReady(Process process, int port, Path dir) throws IOException {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("redis-server exited with status " + process.exitValue() + " (see "
                        + dir.resolve(LOG_FILE) + ")");
            }
            try (Jedis probe = new Jedis("127.0.0.1", port)) {
                if ("PONG".equals(probe.ping())) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // still loading its append-only file, or not listening yet
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        process.destroyForcibly();
        throw new IOException("redis-server did not answer within " + READY_WITHIN.toSeconds() + " s (see "
                + dir.resolve(LOG_FILE) + ")");
    }

    /**
     * A Baton killed with SIGKILL leaves its redis-server running on our files; two servers on one append-only file
     * would corrupt it. We hold the folder's lock, so that Baton is gone: ask its Redis to shut down (it saves
     * first) before starting ours.
     */
    private static void stopLeftover(Path dir) throws IOException {
        Path portFile = dir.resolve(PORT_FILE);
        if (!Files.exists(portFile)) {
            return;
        }
        String port = Files.readString(portFile, StandardCharsets.UTF_8).trim();
        try (Jedis old = new Jedis("127.0.0.1", Integer.parseInt(port))) {
            // Redis reports the directory with links resolved, so compare real paths.
            if (dir.toRealPath().equals(Path.of(old.configGet("dir").get("dir")).toRealPath())) {
                log.warn("Stopping a redis-server left running on {} by an earlier Baton", dir);
                old.shutdown();
            }
        } catch (IOException | RuntimeException nothingThere) {
            // no server on that port any more, or not ours: nothing to stop
        }
        Files.deleteIfExists(portFile);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        try {
            // SIGTERM: Redis flushes its append-only file and exits.
            server.destroy();
            if (!server.waitFor(STOP_WITHIN.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("The embedded Redis did not stop within {} s; killing it", STOP_WITHIN.toSeconds());
                server.destroyForcibly();
            }
            Files.deleteIfExists(dataDir.resolve(PORT_FILE));
        } catch (IOException e) {
            log.warn("Could not stop the embedded Redis cleanly", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(lock);
        }
    }
}
