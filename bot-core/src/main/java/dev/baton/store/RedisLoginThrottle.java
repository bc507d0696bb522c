package dev.baton.store;

import dev.baton.access.LoginThrottle;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/** Failed-login counters in Redis that expire with the window they count. */
public final class RedisLoginThrottle implements LoginThrottle {
    private final UnifiedJedis redis;
    private final RedisKeys keys;

    public RedisLoginThrottle(UnifiedJedis redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    private String emailKey(String email) {
        return keys.loginFailures("email", email.toLowerCase(Locale.ROOT));
    }

    private String addressKey(String address) {
        return keys.loginFailures("address", address);
    }

    @Override
    public Optional<Duration> blocked(String email, String address) {
        Optional<Duration> byEmail = over(emailKey(email), PER_EMAIL);
        return byEmail.isPresent() ? byEmail : over(addressKey(address), PER_ADDRESS);
    }

    private Optional<Duration> over(String key, int limit) {
        String count = redis.get(key);
        if (count == null || Long.parseLong(count) < limit) {
            return Optional.empty();
        }
        long ttl = redis.ttl(key);
        return Optional.of(Duration.ofSeconds(Math.max(1, ttl)));
    }

    @Override
    public void failed(String email, String address) {
        for (String key : new String[] {emailKey(email), addressKey(address)}) {
            if (redis.incr(key) == 1) {
                redis.expire(key, WINDOW.toSeconds());
            }
        }
    }

    @Override
    public void succeeded(String email) {
        redis.del(emailKey(email));
    }
}
