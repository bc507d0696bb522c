package dev.baton.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.Tuple;

/**
 * A fingerprint of everything Baton stored under one namespace: every key with a SHA-256 of its type and whole
 * value (a stream by its entries; a time to live is not part of a value). Two digests differ exactly in the keys
 * that were added, removed or changed. Keys that rightly change when input is refused, or that expire on their own
 * within a minute, are left out, and named in {@link #EXCLUDED} and {@link #EXCLUDED_ENDINGS}.
 */
final class RedisDigest {
    /**
     * What refused input may change, by key prefix after the namespace: a caller's own console session (logging in
     * to fuzz, and its last-seen time), failed-login counters (the throttle counts every refused login), and
     * presence (agent and customer sockets' heartbeats).
     */
    static final List<String> EXCLUDED = List.of("session:", "login-failures:", "presence:");

    /**
     * And by key ending: a conversation's count of customer events in the current minute, which expires a minute
     * after the customer's last write, so it vanishes during a fuzz run that follows other traffic.
     */
    static final List<String> EXCLUDED_ENDINGS = List.of(":customer-events");

    private final SortedMap<String, String> values;

    private RedisDigest(SortedMap<String, String> values) {
        this.values = values;
    }

    static RedisDigest of(UnifiedJedis redis, String namespace) {
        SortedMap<String, String> values = new TreeMap<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        ScanParams match = new ScanParams().match(namespace + ":*").count(1000);
        do {
            ScanResult<String> page = redis.scan(cursor, match);
            for (String key : page.getResult()) {
                String rest = key.substring(namespace.length() + 1);
                if (EXCLUDED.stream().noneMatch(rest::startsWith)
                        && EXCLUDED_ENDINGS.stream().noneMatch(rest::endsWith)) {
                    String value = valueOf(redis, key);
                    if (value != null) {
                        values.put(key, sha256(value));
                    }
                }
            }
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return new RedisDigest(values);
    }

    /** The key's type and whole value in one canonical string; null when it expired meanwhile. */
    private static String valueOf(UnifiedJedis redis, String key) {
        String type = redis.type(key);
        return switch (type) {
            case "string" -> type + ":" + redis.get(key);
            case "hash" -> type + ":" + new TreeMap<>(redis.hgetAll(key));
            case "list" -> type + ":" + redis.lrange(key, 0, -1);
            case "set" -> type + ":" + new TreeSet<>(redis.smembers(key));
            case "zset" -> type + ":" + redis.zrangeWithScores(key, 0, -1).stream()
                    .map(Tuple::toString).toList();
            case "stream" -> type + ":" + entries(redis, key);
            case "none" -> null;
            default -> type + ":" + HexFormat.of().formatHex(redis.dump(key));
        };
    }

    private static List<String> entries(UnifiedJedis redis, String key) {
        List<String> entries = new ArrayList<>();
        String start = "-";
        while (true) {
            List<StreamEntry> page = redis.xrange(key, start, "+", 1000);
            page.forEach(entry -> entries.add(entry.getID() + "=" + new TreeMap<>(entry.getFields())));
            if (page.size() < 1000) {
                return entries;
            }
            start = "(" + page.get(page.size() - 1).getID();
        }
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    int keys() {
        return values.size();
    }

    /** The keys added, removed or changed since {@code before}, each marked +, - or ~. */
    List<String> changesSince(RedisDigest before) {
        List<String> changes = new ArrayList<>();
        for (Map.Entry<String, String> entry : values.entrySet()) {
            String old = before.values.get(entry.getKey());
            if (old == null) {
                changes.add("+ " + entry.getKey());
            } else if (!old.equals(entry.getValue())) {
                changes.add("~ " + entry.getKey());
            }
        }
        before.values.keySet().stream().filter(key -> !values.containsKey(key)).forEach(key -> changes.add("- " + key));
        return changes;
    }
}
