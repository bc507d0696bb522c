package dev.baton.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/** A Lua script shipped as a resource, run by its SHA and loaded again whenever Redis has forgotten it. */
final class RedisScript {
    private final String source;
    private volatile String sha;

    RedisScript(String resourceName) {
        try (InputStream in = RedisScript.class.getResourceAsStream(resourceName)) {
            if (in == null) {
                throw new IllegalStateException("missing script resource " + resourceName);
            }
            this.source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Object run(UnifiedJedis redis, List<String> keys, List<String> args) {
        String current = sha;
        if (current != null) {
            try {
                return redis.evalsha(current, keys, args);
            } catch (JedisNoScriptException restartedOrFlushed) {
                // fall through and load it again
            }
        }
        sha = load(redis, keys);
        return redis.evalsha(sha, keys, args);
    }

    /**
     * Runs the script and then {@code WAIT}s for the replicas on the same connection (WAIT counts only the writes of
     * the connection it is sent on, so both go down one pipeline).
     *
     * @throws NotReplicatedException when fewer replicas than wanted confirmed the write in time
     */
    Object run(UnifiedJedis redis, List<String> keys, List<String> args, Replication replication) {
        if (replication.replicas() == 0) {
            return run(redis, keys, args);
        }
        String current = sha != null ? sha : (sha = load(redis, keys));
        try {
            return runAndWait(redis, current, keys, args, replication);
        } catch (JedisNoScriptException restartedOrFlushed) {
            sha = load(redis, keys);
            return runAndWait(redis, sha, keys, args, replication);
        }
    }

    /** Loads the script where its first key lives: on a Redis Cluster each master keeps its own scripts. */
    private String load(UnifiedJedis redis, List<String> keys) {
        return redis.scriptLoad(source, keys.get(0));
    }

    private static Object runAndWait(UnifiedJedis redis, String sha, List<String> keys, List<String> args,
            Replication replication) {
        Response<Object> reply;
        Response<Long> confirmed;
        try (AbstractPipeline pipeline = redis.pipelined()) {
            reply = pipeline.evalsha(sha, keys, args);
            // The key only routes the command (to the conversation's node); WAIT itself takes no key.
            confirmed = pipeline.waitReplicas(keys.get(0), replication.replicas(), replication.timeout().toMillis());
            pipeline.sync();
        }
        Object result = reply.get();
        if (confirmed.get() < replication.replicas()) {
            throw new NotReplicatedException(confirmed.get(), replication);
        }
        return result;
    }
}
