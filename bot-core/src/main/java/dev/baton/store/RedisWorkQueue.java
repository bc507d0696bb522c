package dev.baton.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.event.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.XAutoClaimParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * The feed read as a Redis consumer group: every event goes to exactly one node's {@link Worker}, is acknowledged
 * when the worker says it is done, and is claimed by another node when it stays unacknowledged too long (its node
 * died). A group remembers where it is, so events stored while every node was down are worked on at the next start.
 */
public final class RedisWorkQueue implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RedisWorkQueue.class);
    private static final int BLOCK_MILLIS = 1000;
    private static final int BATCH = 100;
    /** Longer than any piece of work takes; then the event is presumed orphaned. */
    static final Duration CLAIM_AFTER = Duration.ofSeconds(30);
    static final Duration CLAIM_EVERY = Duration.ofSeconds(10);

    private final UnifiedJedis redis;
    private final RedisKeys keys;
    private final EventCodec codec;
    private final String group;
    private final String consumer;
    private final Worker worker;
    private final Duration claimAfter;
    private final Duration claimEvery;
    private final Thread thread;
    private volatile boolean running = true;

    public RedisWorkQueue(UnifiedJedis redis, RedisKeys keys, ObjectMapper json, String group, String consumer,
            Worker worker) {
        this(redis, keys, json, group, consumer, worker, CLAIM_AFTER, CLAIM_EVERY);
    }

    RedisWorkQueue(UnifiedJedis redis, RedisKeys keys, ObjectMapper json, String group, String consumer,
            Worker worker, Duration claimAfter, Duration claimEvery) {
        this.claimAfter = claimAfter;
        this.claimEvery = claimEvery;
        this.redis = redis;
        this.keys = keys;
        this.codec = new EventCodec(json);
        this.group = group;
        this.consumer = consumer;
        this.worker = worker;
        this.thread = new Thread(this::run, "baton-work-" + group);
        this.thread.setDaemon(true);
    }

    public void start() {
        try {
            redis.xgroupCreate(keys.feed(), group, StreamEntryID.XGROUP_LAST_ENTRY, true);
        } catch (JedisDataException alreadyThere) {
            if (!String.valueOf(alreadyThere.getMessage()).startsWith("BUSYGROUP")) {
                throw alreadyThere;
            }
        }
        thread.start();
    }

    private void run() {
        long nextClaim = 0;
        long backoffMillis = 100;
        while (running) {
            try {
                if (System.currentTimeMillis() >= nextClaim) {
                    claimOrphans();
                    nextClaim = System.currentTimeMillis() + claimEvery.toMillis();
                }
                var batch = redis.xreadGroup(group, consumer,
                        XReadGroupParams.xReadGroupParams().block(BLOCK_MILLIS).count(BATCH),
                        Map.of(keys.feed(), StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
                backoffMillis = 100;
                if (batch != null) {
                    batch.forEach(stream -> stream.getValue().forEach(this::hand));
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("Work queue {} read failed, retrying in {} ms: {}", group, backoffMillis, e.toString());
                sleep(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, 5000);
            }
        }
    }

    private void claimOrphans() {
        StreamEntryID cursor = new StreamEntryID(0, 0);
        do {
            var claimed = redis.xautoclaim(keys.feed(), group, consumer, claimAfter.toMillis(), cursor,
                    XAutoClaimParams.xAutoClaimParams().count(BATCH));
            List<StreamEntry> entries = claimed.getValue();
            entries.stream().filter(entry -> entry.getFields() != null).forEach(this::hand);
            if (!entries.isEmpty()) {
                log.info("Work queue {} took over {} events left by a node that stopped", group, entries.size());
            }
            cursor = claimed.getKey();
        } while (running && !cursor.equals(new StreamEntryID(0, 0)));
    }

    private void hand(StreamEntry entry) {
        StreamEntryID id = entry.getID();
        Runnable done = () -> acknowledge(id);
        Map<String, String> fields = entry.getFields();
        codec.decode(fields.get("seq"), fields).ifPresentOrElse(event -> worker.take(event, done), done);
    }

    private void acknowledge(StreamEntryID id) {
        try {
            redis.xack(keys.feed(), group, id);
        } catch (RuntimeException e) {
            // Not acknowledged: another node will take the event again after a while; work is idempotent enough.
            log.warn("Could not acknowledge {} in {}: {}", id, group, e.toString());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(BLOCK_MILLIS * 3L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
