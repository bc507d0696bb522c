package dev.baton.store;

import dev.baton.access.LoginThrottle;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/**
 * Login attempt counters in Redis that expire with the window they count, changed only by Lua scripts, so counting
 * and checking the limit are one step on every node.
 */
public final class RedisLoginThrottle implements LoginThrottle {
    private static final RedisScript ATTEMPT = new RedisScript("login_attempt.lua");
    private static final RedisScript SUCCEEDED = new RedisScript("login_succeeded.lua");
    /** One IPv6 host usually holds a whole /64, so that is what one address means for IPv6. */
    private static final int IPV6_HOST_PREFIX = 64;

    private final UnifiedJedis redis;
    private final RedisKeys keys;

    public RedisLoginThrottle(UnifiedJedis redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    @Override
    public Optional<Duration> attempt(String email, String address) {
        long wait = (Long) ATTEMPT.run(redis, counters(email, address), List.of(Long.toString(WINDOW.toMillis()),
                Integer.toString(PER_EMAIL_AND_ADDRESS), Integer.toString(PER_ADDRESS)));
        return wait == 0 ? Optional.empty() : Optional.of(Duration.ofMillis(wait));
    }

    @Override
    public void succeeded(String email, String address) {
        SUCCEEDED.run(redis, counters(email, address), List.of());
    }

    private List<String> counters(String email, String address) {
        String from = addressBucket(address);
        return List.of(keys.loginAttempts("email", from + "/" + email.toLowerCase(Locale.ROOT)),
                keys.loginAttempts("address", from));
    }

    /** The address as counted: an IPv4 address as it is, an IPv6 address as its /64. */
    static String addressBucket(String address) {
        IPAddress parsed = address == null ? null : new IPAddressString(address).getAddress();
        if (parsed == null) {
            return String.valueOf(address);
        }
        if (parsed.isIPv4Convertible()) {
            return parsed.toIPv4().toNormalizedString();
        }
        return parsed.toPrefixBlock(IPV6_HOST_PREFIX).toCanonicalString();
    }
}
