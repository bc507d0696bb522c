package dev.baton.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
        sha = redis.scriptLoad(source);
        return redis.evalsha(sha, keys, args);
    }
}
