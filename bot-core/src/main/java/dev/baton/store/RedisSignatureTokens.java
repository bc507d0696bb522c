package dev.baton.store;

import dev.baton.mail.SignatureTokens;
import java.time.Duration;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/** Each token a marker key with a time to live, set only if absent, so one node alone sees a token first. */
public final class RedisSignatureTokens implements SignatureTokens {
    private final UnifiedJedis redis;
    private final RedisKeys keys;

    public RedisSignatureTokens(UnifiedJedis redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    @Override
    public boolean firstUse(String token, Duration remembered) {
        return "OK".equals(redis.set(keys.mailgunToken(token), "1",
                SetParams.setParams().nx().ex(remembered.toSeconds())));
    }
}
