package dev.baton.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClusterClient;
import redis.embedded.RedisServer;

/**
 * A real Redis Cluster of three masters for tests, one per test JVM: three embedded redis-servers started with
 * {@code cluster-enabled yes}, a third of the 16384 slots given to each and introduced to each other from here
 * ({@code CLUSTER ADDSLOTS}, {@code CLUSTER MEET}), without persistence. Ready in about a second.
 */
public final class TestCluster {
    private static final int SLOTS = 16384;
    private static List<HostAndPort> nodes;

    private TestCluster() {}

    /** The masters' addresses, starting the cluster on the first call. */
    public static synchronized List<HostAndPort> nodes() {
        if (nodes == null) {
            nodes = start(3);
        }
        return nodes;
    }

    /** The masters as {@code host:port,host:port,…}, the form of {@code --redis-cluster}. */
    public static String seeds() {
        return nodes().stream().map(HostAndPort::toString).collect(Collectors.joining(","));
    }

    public static RedisClusterClient newClient() {
        return RedisClusterClient.create(Set.copyOf(nodes()));
    }

    private static List<HostAndPort> start(int masters) {
        Path dir;
        try {
            dir = Files.createTempDirectory("baton-test-cluster");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<HostAndPort> started = new ArrayList<>();
        List<RedisServer> servers = new ArrayList<>();
        for (int i = 0; i < masters; i++) {
            int port = TestRedis.freePort();
            try {
                RedisServer server = RedisServer.newRedisServer()
                        .port(port)
                        .bind("127.0.0.1")
                        .setting("cluster-enabled yes")
                        // Each node keeps its own view of the cluster in a file of its own.
                        .setting("cluster-config-file " + dir.resolve("nodes-" + port + ".conf"))
                        .setting("cluster-node-timeout 2000")
                        .setting("appendonly no")
                        .setting("save \"\"")
                        .onShutdownForceStop(true)
                        .build();
                server.start();
                servers.add(server);
            } catch (IOException e) {
                throw new UncheckedIOException("could not start an embedded Redis cluster node", e);
            }
            started.add(new HostAndPort("127.0.0.1", port));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> servers.forEach(server -> {
            try {
                server.stop();
            } catch (IOException ignored) {
                // the JVM is exiting; the OS reaps the process
            }
        })));
        for (int i = 0; i < masters; i++) {
            int from = SLOTS * i / masters;
            int to = SLOTS * (i + 1) / masters;
            try (Jedis node = new Jedis(started.get(i))) {
                node.clusterAddSlots(IntStream.range(from, to).toArray());
                if (i > 0) {
                    node.clusterMeet(started.get(0).getHost(), started.get(0).getPort());
                }
            }
        }
        await("the cluster agrees on its slots").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> started.stream().allMatch(node -> ready(node, masters)));
        return List.copyOf(started);
    }

    private static boolean ready(HostAndPort address, int masters) {
        try (Jedis node = new Jedis(address)) {
            String info = node.clusterInfo();
            return info.contains("cluster_state:ok") && info.contains("cluster_known_nodes:" + masters)
                    && info.contains("cluster_slots_assigned:" + SLOTS);
        }
    }
}
