package dev.baton.server;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import redis.clients.jedis.Jedis;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real redis-server started by Baton when no {@code REDIS_URL} is given: the one shipped in the embedded-redis
 * jar (or {@code redis-server} from the PATH if that one can't run here), on a free loopback port, with
 * append-only persistence in the data folder. Stopping it lets Redis flush its files.
 */
public final class EmbeddedRedis implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedRedis.class);
    /** Remembers the port of the running server, to find one left behind by a Baton that was killed. */
    private static final String PORT_FILE = "redis.port";

    /** Held while this Baton owns the data folder; the OS releases it even when the process is killed. */
    private static final String LOCK_FILE = "baton.lock";

    private final RedisServer server;
    private final Path dataDir;
    private final int port;
    private final FileChannel lock;

    private EmbeddedRedis(RedisServer server, Path dataDir, int port, FileChannel lock) {
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
            RedisServer server;
            try {
                server = build(ExecutableProvider.newJarResourceProvider(), dir, port);
                server.start();
            } catch (IOException | RuntimeException bundledFailed) {
                log.info("The bundled redis-server can't run here ({}); trying redis-server from the PATH",
                        bundledFailed.getMessage());
                server = build(ExecutableProvider.newExecutableInPath("redis-server"), dir, port);
                server.start();
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

    private static RedisServer build(ExecutableProvider executable, Path dir, int port) throws IOException {
        return RedisServer.newRedisServer()
                .executableProvider(executable)
                .port(port)
                .bind("127.0.0.1")
                .setting("dir \"" + dir + "\"")
                .setting("appendonly yes")
                .setting("appendfsync everysec")
                .setting("save \"\"")
                .build();
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
            server.stop();
            Files.deleteIfExists(dataDir.resolve(PORT_FILE));
        } catch (IOException e) {
            log.warn("Could not stop the embedded Redis cleanly", e);
        } finally {
            closeQuietly(lock);
        }
    }
}
