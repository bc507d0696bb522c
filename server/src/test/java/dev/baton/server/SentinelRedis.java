package dev.baton.server;

import static org.awaitility.Awaitility.await;
import dev.baton.testing.TestRedis;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.embedded.core.ExecutableProvider;

/**
 * A real Redis Sentinel deployment for a test: a primary, two replicas and one sentinel (quorum 1), all redis-server
 * processes from the embedded-redis binary on free loopback ports, their files in a temporary folder.
 */
final class SentinelRedis implements AutoCloseable {
    static final String MASTER = "baton-primary";

    private final File executable;
    private final Path dir;
    private final List<Process> processes = new ArrayList<>();
    private final Map<Integer, Process> servers = new HashMap<>();
    final int sentinelPort;

    SentinelRedis() throws IOException {
        executable = ExecutableProvider.newJarResourceProvider().get();
        dir = Files.createTempDirectory("baton-sentinel");
        int primary = startServer(List.of());
        startServer(List.of("--replicaof", "127.0.0.1", Integer.toString(primary)));
        startServer(List.of("--replicaof", "127.0.0.1", Integer.toString(primary)));
        sentinelPort = TestRedis.freePort();
        Path conf = dir.resolve("sentinel.conf");
        Files.writeString(conf, String.join("\n",
                "port " + sentinelPort,
                "bind 127.0.0.1",
                "dir " + dir,
                "sentinel monitor " + MASTER + " 127.0.0.1 " + primary + " 1",
                "sentinel down-after-milliseconds " + MASTER + " 1000",
                "sentinel failover-timeout " + MASTER + " 10000",
                "sentinel parallel-syncs " + MASTER + " 2", ""));
        processes.add(start(List.of(conf.toString(), "--sentinel"), "sentinel"));
        await("the sentinel sees the primary's two replicas").atMost(Duration.ofSeconds(30)).until(() -> {
            try (Jedis sentinel = new Jedis("127.0.0.1", sentinelPort)) {
                return sentinel.sentinelReplicas(MASTER).stream()
                        .filter(replica -> !replica.get("flags").contains("disconnected")).count() == 2;
            } catch (RuntimeException notYet) {
                return false;
            }
        });
        await("both replicas are in sync").atMost(Duration.ofSeconds(30)).until(() -> {
            try (Jedis jedis = new Jedis("127.0.0.1", primary)) {
                return jedis.info("replication").contains("connected_slaves:2");
            }
        });
    }

    String url() {
        return "redis-sentinel://127.0.0.1:" + sentinelPort + "/" + MASTER;
    }

    /** The primary the sentinel names now. */
    HostAndPort primary() {
        try (Jedis sentinel = new Jedis("127.0.0.1", sentinelPort)) {
            return sentinel.sentinelGetMasterAddrByName(MASTER).stream().reduce((host, port) -> host + ":" + port)
                    .map(HostAndPort::from).orElseThrow();
        }
    }

    /** Kills the current primary the way a crash would (SIGKILL: no goodbye to replicas or sentinels). */
    HostAndPort crashPrimary() {
        HostAndPort primary = primary();
        servers.get(primary.getPort()).destroyForcibly();
        return primary;
    }

    /**
     * Stops the replicas' processes (SIGSTOP) so that they fall behind: a write the primary takes now exists nowhere
     * else, as when replication lags.
     */
    void freezeReplicas() {
        signalReplicas("-STOP");
    }

    void thawReplicas() {
        signalReplicas("-CONT");
    }

    private void signalReplicas(String signal) {
        int primaryPort = primary().getPort();
        servers.forEach((port, server) -> {
            if (port != primaryPort && server.isAlive()) {
                try {
                    new ProcessBuilder("kill", signal, Long.toString(server.pid())).start().waitFor();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        });
    }

    /** Waits until the sentinel has promoted another server. */
    HostAndPort awaitFailoverFrom(HostAndPort old) {
        await("the sentinel promotes a replica").atMost(Duration.ofSeconds(30)).until(() -> {
            try {
                return !primary().equals(old);
            } catch (RuntimeException notYet) {
                return false;
            }
        });
        return primary();
    }

    private int startServer(List<String> extra) {
        int port = TestRedis.freePort();
        List<String> args = new ArrayList<>(List.of("--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString(),
                "--dbfilename", "dump-" + port + ".rdb"));
        args.addAll(extra);
        Process server = start(args, "redis-" + port);
        processes.add(server);
        servers.put(port, server);
        await("redis on " + port + " answers").atMost(Duration.ofSeconds(30)).until(() -> {
            try (Jedis jedis = new Jedis("127.0.0.1", port)) {
                return "PONG".equals(jedis.ping());
            } catch (RuntimeException notYet) {
                return false;
            }
        });
        return port;
    }

    private Process start(List<String> args, String name) {
        List<String> command = new ArrayList<>(List.of(executable.getAbsolutePath()));
        command.addAll(args);
        try {
            return new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve(name + ".log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void thawReplicasQuietly() {
        try {
            thawReplicas();
        } catch (RuntimeException | AssertionError primaryGone) {
            // a stopped process is killed below all the same
        }
    }

    @Override
    public void close() {
        thawReplicasQuietly();
        processes.forEach(Process::destroyForcibly);
    }
}
