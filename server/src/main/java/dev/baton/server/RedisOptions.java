package dev.baton.server;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import dev.baton.server.ops.RedisWatch;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.UnifiedJedis;

/**
 * The command line's say on which Redis Baton uses, shared by the server and the admin and kb commands: a URL, or the
 * sentinels and the name of the primary they watch; neither means the embedded Redis of the data folder.
 */
final class RedisOptions {

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

    /** The Redis URL these options name, or null for the embedded Redis. */
    String redisUrl() {
        if (sentinels == null || sentinels.isBlank()) {
            return url;
        }
        if (url != null) {
            throw new IllegalArgumentException("give either --redis-url or --redis-sentinels, not both");
        }
        return RedisAddress.sentinelUrl(sentinels, sentinelMaster);
    }

    /** Work on Baton's Redis, by a command that runs once. */
    interface Work<T> {
        T run(UnifiedJedis redis) throws Exception;
    }

    /** Runs {@code work} on the Redis these options name, starting and stopping the embedded one when it is that. */
    <T> T use(Work<T> work) throws Exception {
        String redisUrl = redisUrl();
        EmbeddedRedis embedded = redisUrl == null ? EmbeddedRedis.start(dataDir) : null;
        try (UnifiedJedis redis = RedisAddress.parse(embedded != null ? embedded.url() : redisUrl)
                .connect(new ConnectionPoolConfig(), RedisWatch.NONE)) {
            return work.run(redis);
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }
}
