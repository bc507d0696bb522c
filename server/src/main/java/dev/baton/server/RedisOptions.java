package dev.baton.server;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import dev.baton.server.ops.RedisWatch;
import dev.baton.store.RedisKeys;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.UnifiedJedis;

/**
 * The command line's say on which Redis Baton uses, shared by the server and the admin and kb commands: a URL, the
 * sentinels and the name of the primary they watch, or some masters of a Redis Cluster; none means the embedded Redis
 * of the data folder.
 */
final class RedisOptions {
    /** The namespace of the server's keys (the server always runs with it). */
    static final String NAMESPACE = "baton";

    @Option(names = "--data-dir", defaultValue = "${env:BATON_DATA_DIR:-data}",
            description = "Folder of the embedded Redis' files (env BATON_DATA_DIR; default ./data). The admin and "
                    + "kb commands start that Redis themselves: stop Baton first when it uses it.")
    Path dataDir;

    @Option(names = "--redis-url", defaultValue = "${env:REDIS_URL}",
            description = "Use this Redis instead of starting the embedded one: redis://host:port, or "
                    + "redis-sentinel://host:port,host:port/MASTER (env REDIS_URL).")
    String url;

    @Option(names = "--redis-sentinels", defaultValue = "${env:BATON_REDIS_SENTINELS}", paramLabel = "HOST:PORT,…",
            description = "Follow the primary these Redis Sentinels watch (env BATON_REDIS_SENTINELS).")
    String sentinels;

    @Option(names = "--redis-sentinel-master", defaultValue = "${env:BATON_REDIS_SENTINEL_MASTER}",
            paramLabel = "NAME", description = "The name the sentinels know the primary by "
                    + "(env BATON_REDIS_SENTINEL_MASTER).")
    String sentinelMaster;

    @Option(names = "--redis-cluster", defaultValue = "${env:BATON_REDIS_CLUSTER}", paramLabel = "HOST:PORT,…",
            description = "Use the Redis Cluster these masters belong to (env BATON_REDIS_CLUSTER).")
    String cluster;

    @Option(names = "--feed-partitions", defaultValue = "${env:BATON_FEED_PARTITIONS}", paramLabel = "N",
            description = "On a Redis Cluster, how many partitions the conversations, their feed and their inbox "
                    + "views fall into (env BATON_FEED_PARTITIONS; default 16). Fixed for the life of the data.")
    Integer feedPartitions;

    /** The Redis URL these options name, or null for the embedded Redis. */
    String redisUrl() {
        boolean withSentinels = sentinels != null && !sentinels.isBlank();
        boolean withCluster = cluster != null && !cluster.isBlank();
        if ((url != null ? 1 : 0) + (withSentinels ? 1 : 0) + (withCluster ? 1 : 0) > 1) {
            throw new IllegalArgumentException("give one of --redis-url, --redis-sentinels and --redis-cluster");
        }
        if (feedPartitions != null && !withCluster) {
            throw new IllegalArgumentException("--feed-partitions is for a Redis Cluster (--redis-cluster); one "
                    + "Redis keeps every conversation in one partition");
        }
        if (withCluster) {
            return RedisAddress.clusterUrl(cluster, feedPartitions);
        }
        return withSentinels ? RedisAddress.sentinelUrl(sentinels, sentinelMaster) : url;
    }

    /** Work on Baton's Redis, by a command that runs once. */
    interface Work<T> {
        /** @param keys Baton's keys in that Redis' layout */
        T run(UnifiedJedis redis, RedisKeys keys) throws Exception;
    }

    /** Runs {@code work} on the Redis these options name, starting and stopping the embedded one when it is that. */
    <T> T use(Work<T> work) throws Exception {
        String redisUrl = redisUrl();
        EmbeddedRedis embedded = redisUrl == null ? EmbeddedRedis.start(dataDir) : null;
        RedisAddress address = RedisAddress.parse(embedded != null ? embedded.url() : redisUrl);
        RedisKeys keys = address.keys(NAMESPACE);
        try (UnifiedJedis redis = address.connect(new ConnectionPoolConfig(), RedisWatch.NONE, keys)) {
            return work.run(redis, keys);
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }
}
