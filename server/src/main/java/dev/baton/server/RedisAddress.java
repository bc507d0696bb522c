package dev.baton.server;

import dev.baton.server.ops.RedisWatch;
import dev.baton.store.RedisKeys;
import dev.baton.store.Replication;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.AbstractTransaction;
import redis.clients.jedis.ClusterCommandObjects;
import redis.clients.jedis.ClusterPipeline;
import redis.clients.jedis.CommandObjects;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.builders.ClusterClientBuilder;
import redis.clients.jedis.builders.SentinelClientBuilder;
import redis.clients.jedis.builders.StandaloneClientBuilder;
import redis.clients.jedis.csc.Cache;
import redis.clients.jedis.executors.CommandExecutor;
import redis.clients.jedis.providers.ClusterConnectionProvider;
import redis.clients.jedis.providers.ConnectionProvider;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Where Baton's Redis is, read from one URL, and how many replicas must confirm a conversation write before it is
 * acknowledged: {@code redis://host:port} (or {@code rediss://}) for one Redis,
 * {@code redis-sentinel://[:password@]host:port,host:port/MASTER} for a primary that Redis Sentinel watches, which
 * Baton follows through failovers, and {@code redis-cluster://[:password@]host:port,host:port} for a Redis Cluster.
 * {@code ?replicas=N&replica-wait-ms=M} sets the replicas to wait for (by default 1 with Sentinel, so an acknowledged
 * message survives a failover, and 0 on a single Redis and a Cluster). On a Cluster, {@code ?partitions=N} sets how
 * many partitions the conversations fall into (16 by default; see {@link RedisKeys}); elsewhere there is one.
 */
record RedisAddress(URI redisUri, String master, Set<HostAndPort> sentinels, Set<HostAndPort> clusterNodes,
        String user, String password, Replication replication, int partitions) {

    static final String SENTINEL_SCHEME = "redis-sentinel";
    static final String CLUSTER_SCHEME = "redis-cluster";
    static final int DEFAULT_PARTITIONS = 16;
    private static final int SENTINEL_DEFAULT_PORT = 26379;
    private static final int CLUSTER_DEFAULT_PORT = 6379;
    private static final Duration DEFAULT_REPLICA_WAIT = Duration.ofSeconds(1);

    /** Reads a Redis URL; anything it can't use is refused with what to write instead. */
    static RedisAddress parse(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a Redis URL: " + url + " (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        Map<String, String> options = options(uri.getRawQuery());
        return switch (scheme) {
            case "redis", "rediss" -> {
                if (uri.getHost() == null) {
                    throw new IllegalArgumentException("a Redis URL needs a host, as in redis://host:6379: " + url);
                }
                yield new RedisAddress(withoutQuery(uri), null, Set.of(), Set.of(), null, null,
                        replication(options, 0), onePartition(options));
            }
            case SENTINEL_SCHEME -> sentinel(uri, options, url);
            case CLUSTER_SCHEME -> cluster(uri, options, url);
            default -> throw new IllegalArgumentException("a Redis URL starts with redis://, rediss://, "
                    + SENTINEL_SCHEME + ":// or " + CLUSTER_SCHEME + "://, not " + url);
        };
    }

    /** The URL of the flags {@code --redis-sentinels host:port,…} and {@code --redis-sentinel-master NAME}. */
    static String sentinelUrl(String sentinels, String master) {
        if (master == null || master.isBlank()) {
            throw new IllegalArgumentException("--redis-sentinels needs --redis-sentinel-master, the name the "
                    + "sentinels monitor the primary by");
        }
        return SENTINEL_SCHEME + "://" + sentinels.trim() + "/" + master.trim();
    }

    /** The URL of the flag {@code --redis-cluster host:port,…}, with {@code --feed-partitions N} when given. */
    static String clusterUrl(String nodes, Integer partitions) {
        return CLUSTER_SCHEME + "://" + nodes.trim() + (partitions == null ? "" : "?partitions=" + partitions);
    }

    private static RedisAddress sentinel(URI uri, Map<String, String> options, String url) {
        String authority = uri.getRawAuthority();
        String master = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (authority == null || master.isBlank() || master.contains("/")) {
            throw new IllegalArgumentException("a Sentinel URL reads " + SENTINEL_SCHEME
                    + "://[:password@]host:port,host:port/MASTER_NAME: " + url);
        }
        Credentials credentials = Credentials.of(authority);
        return new RedisAddress(null, master, hostsAndPorts(credentials.hosts(), SENTINEL_DEFAULT_PORT, url), Set.of(),
                credentials.user(), credentials.password(), replication(options, 1), onePartition(options));
    }

    private static RedisAddress cluster(URI uri, Map<String, String> options, String url) {
        String authority = uri.getRawAuthority();
        if (authority == null || (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/"))) {
            throw new IllegalArgumentException("a Cluster URL reads " + CLUSTER_SCHEME
                    + "://[:password@]host:port,host:port (some of the cluster's masters): " + url);
        }
        Credentials credentials = Credentials.of(authority);
        int partitions = intOption(options, "partitions", DEFAULT_PARTITIONS);
        if (partitions < 1 || partitions > 1024) {
            throw new IllegalArgumentException("partitions must be between 1 and 1024, not " + partitions);
        }
        return new RedisAddress(null, null, Set.of(), hostsAndPorts(credentials.hosts(), CLUSTER_DEFAULT_PORT, url),
                credentials.user(), credentials.password(), replication(options, 0), partitions);
    }

    /** One Redis holds every conversation in one partition: the layout Baton always had. */
    private static int onePartition(Map<String, String> options) {
        if (options.containsKey("partitions") && intOption(options, "partitions", 1) != 1) {
            throw new IllegalArgumentException("partitions are for a Redis Cluster; one Redis (or a Sentinel-watched "
                    + "primary) keeps every conversation in one");
        }
        return 1;
    }

    /** The user and password before the {@code @} of an authority of several hosts, and those hosts. */
    private record Credentials(String user, String password, String hosts) {
        static Credentials of(String authority) {
            int at = authority.lastIndexOf('@');
            if (at < 0) {
                return new Credentials(null, null, authority);
            }
            String[] userInfo = authority.substring(0, at).split(":", 2);
            return new Credentials(userInfo[0].isEmpty() ? null : decode(userInfo[0]),
                    userInfo.length > 1 ? decode(userInfo[1]) : null, authority.substring(at + 1));
        }
    }

    private static Set<HostAndPort> hostsAndPorts(String hosts, int defaultPort, String url) {
        Set<HostAndPort> all = new LinkedHashSet<>();
        for (String hostPort : hosts.split(",")) {
            all.add(hostAndPort(hostPort.trim(), defaultPort, url));
        }
        return Set.copyOf(all);
    }

    private static HostAndPort hostAndPort(String hostPort, int defaultPort, String url) {
        int colon = hostPort.lastIndexOf(':');
        String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
        if (host.isEmpty()) {
            throw new IllegalArgumentException("a node without a host in " + url);
        }
        if (colon < 0) {
            return new HostAndPort(host, defaultPort);
        }
        try {
            int port = Integer.parseInt(hostPort.substring(colon + 1));
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return new HostAndPort(host, port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a port: '" + hostPort.substring(colon + 1) + "' in " + url);
        }
    }

    private static Replication replication(Map<String, String> options, int defaultReplicas) {
        int replicas = intOption(options, "replicas", defaultReplicas);
        int waitMs = intOption(options, "replica-wait-ms", (int) DEFAULT_REPLICA_WAIT.toMillis());
        if (replicas < 0 || waitMs < 1) {
            throw new IllegalArgumentException("replicas must be 0 or more and replica-wait-ms above 0");
        }
        return replicas == 0 ? Replication.NONE : new Replication(replicas, Duration.ofMillis(waitMs));
    }

    private static int intOption(Map<String, String> options, String name, int fallback) {
        String value = options.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'");
        }
    }

    private static Map<String, String> options(String rawQuery) {
        Map<String, String> options = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return options;
        }
        for (String pair : rawQuery.split("&")) {
            String[] nameValue = pair.split("=", 2);
            String name = decode(nameValue[0]);
            if (!name.equals("replicas") && !name.equals("replica-wait-ms") && !name.equals("partitions")) {
                throw new IllegalArgumentException("unknown Redis URL option '" + name
                        + "' (Baton reads replicas, replica-wait-ms and partitions)");
            }
            options.put(name, nameValue.length > 1 ? decode(nameValue[1]) : "");
        }
        return options;
    }

    private static URI withoutQuery(URI uri) {
        try {
            return new URI(uri.getScheme(), uri.getRawUserInfo() == null ? null : uri.getUserInfo(), uri.getHost(),
                    uri.getPort(), uri.getPath(), null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a Redis URL: " + uri, e);
        }
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }

    /** The keys of {@code namespace} in this Redis' layout: partitioned on a Cluster. */
    RedisKeys keys(String namespace) {
        return new RedisKeys(namespace, partitions);
    }

    /**
     * A client of this Redis: a pool on one server, one that follows the primary the sentinels name, or one that
     * sends each command to the master of its key's slot.
     *
     * @param watch wraps the client's command executor, pipelines and transactions (the server counts Redis errors)
     * @param keys on a Cluster, transactions run in the slot of the keys outside conversations (every MULTI of Baton
     *     touches only those)
     */
    UnifiedJedis connect(ConnectionPoolConfig pool, RedisWatch watch, RedisKeys keys) {
        if (redisUri != null) {
            return new StandaloneClientBuilder<UnifiedJedis>() {
                @Override
                protected CommandExecutor createDefaultCommandExecutor() {
                    return watch.executor(super.createDefaultCommandExecutor());
                }

                @Override
                protected UnifiedJedis createClient() {
                    return new WatchedClient(commandExecutor, connectionProvider, clientConfig, cache, watch);
                }
            }.fromURI(redisUri).poolConfig(pool).build();
        }
        DefaultJedisClientConfig.Builder primary = DefaultJedisClientConfig.builder();
        if (password != null) {
            primary.user(user).password(password);
        }
        if (!clusterNodes.isEmpty()) {
            int transactionSlot = JedisClusterCRC16.getSlot(keys.outsideConversations());
            return new ClusterClientBuilder<UnifiedJedis>() {
                @Override
                protected CommandExecutor createDefaultCommandExecutor() {
                    return watch.executor(super.createDefaultCommandExecutor());
                }

                @Override
                protected UnifiedJedis createClient() {
                    return new WatchedClusterClient(commandExecutor, (ClusterConnectionProvider) connectionProvider,
                            clientConfig, watch, transactionSlot);
                }
            }.nodes(clusterNodes).clientConfig(primary.build()).poolConfig(pool).build();
        }
        return new SentinelClientBuilder<UnifiedJedis>() {
            @Override
            protected CommandExecutor createDefaultCommandExecutor() {
                return watch.executor(super.createDefaultCommandExecutor());
            }

            @Override
            protected UnifiedJedis createClient() {
                return new WatchedClient(commandExecutor, connectionProvider, clientConfig, cache, watch);
            }
        }.masterName(master).sentinels(sentinels).clientConfig(primary.build())
                .sentinelClientConfig(DefaultJedisClientConfig.builder().build()).poolConfig(pool).build();
    }

    /**
     * Jedis' client as {@code RedisClusterClient} builds it (cluster command objects, pipelines that send each command
     * to its slot's master), whose pipelines and transactions the watch wraps, and whose transactions, which
     * {@code RedisClusterClient} refuses, run on the master of one slot.
     */
    private static final class WatchedClusterClient extends UnifiedJedis {
        private final ClusterConnectionProvider nodes;
        private final RedisWatch watch;
        private final int transactionSlot;

        WatchedClusterClient(CommandExecutor executor, ClusterConnectionProvider nodes, JedisClientConfig config,
                RedisWatch watch, int transactionSlot) {
            super(executor, nodes, config, null);
            this.nodes = nodes;
            this.watch = watch;
            this.transactionSlot = transactionSlot;
        }

        @Override
        protected CommandObjects newCommandObjects(RedisProtocol protocol) {
            return new ClusterCommandObjects(protocol);
        }

        @Override
        public AbstractPipeline pipelined() {
            return watch.pipeline(new ClusterPipeline(nodes, (ClusterCommandObjects) commandObjects), commandObjects);
        }

        @Override
        public AbstractTransaction transaction(boolean doMulti) {
            return watch.transaction(new Transaction(nodes.getConnectionFromSlot(transactionSlot), doMulti, true),
                    commandObjects);
        }
    }

    /**
     * Jedis' client as {@code RedisClient} and {@code RedisSentinelClient} build it, whose pipelines and transactions
     * the watch wraps as well (their commands do not pass the executor).
     */
    private static final class WatchedClient extends UnifiedJedis {
        private final RedisWatch watch;

        WatchedClient(CommandExecutor executor, ConnectionProvider provider, JedisClientConfig config, Cache cache,
                RedisWatch watch) {
            super(executor, provider, config, cache);
            this.watch = watch;
        }

        @Override
        public AbstractPipeline pipelined() {
            return watch.pipeline(super.pipelined(), commandObjects);
        }

        @Override
        public AbstractTransaction transaction(boolean doMulti) {
            return watch.transaction(super.transaction(doMulti), commandObjects);
        }
    }

    /** What a log line may say about this address: no password. */
    @Override
    public String toString() {
        if (redisUri != null) {
            return redisUri.getScheme() + "://" + redisUri.getHost() + ":" + redisUri.getPort();
        }
        if (!clusterNodes.isEmpty()) {
            return CLUSTER_SCHEME + "://" + clusterNodes.stream().map(HostAndPort::toString)
                    .collect(Collectors.joining(",")) + "?partitions=" + partitions;
        }
        return SENTINEL_SCHEME + "://" + sentinels.stream().map(HostAndPort::toString)
                .collect(Collectors.joining(",")) + "/" + master;
    }
}
