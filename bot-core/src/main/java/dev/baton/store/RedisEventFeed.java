package dev.baton.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.conversation.Seq;
import dev.baton.event.EventBus;
import dev.baton.event.LoggedEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.StreamEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tails the cross-node feed and publishes every event to this node's {@link EventBus}. It starts at the feed's end
 * and, after a Redis hiccup, carries on from the last entry it saw, so no event is skipped while Redis is reachable
 * again within the feed's length cap.
 */
public final class RedisEventFeed implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RedisEventFeed.class);
    private static final int BLOCK_MILLIS = 1000;
    private static final int BATCH = 500;

    private final UnifiedJedis redis;
    private final RedisKeys keys;
    private final EventCodec codec;
    private final EventBus bus;
    private final Thread thread;
    private volatile boolean running = true;
    /** When the last read round ended well (epoch ms); a thread stuck or dead stops moving it. */
    private volatile long lastRound;
    /** Written by {@link #start()} before the thread starts, then only by the thread. */
    private StreamEntryID lastSeen;

    public RedisEventFeed(UnifiedJedis redis, RedisKeys keys, ObjectMapper json, EventBus bus) {
        this.redis = redis;
        this.keys = keys;
        this.codec = new EventCodec(json);
        this.bus = bus;
        this.thread = new Thread(this::run, "baton-event-feed");
        this.thread.setDaemon(true);
    }

    /** Starts tailing from the current end of the feed; events stored after this call are all delivered. */
    public void start() {
        List<StreamEntry> last = redis.xrevrange(keys.feed(), "+", "-", 1);
        lastSeen = last.isEmpty() ? new StreamEntryID(0, 0) : last.get(0).getID();
        lastRound = System.currentTimeMillis();
        thread.start();
    }

    private void run() {
        long backoffMillis = 100;
        while (running) {
            try {
                var batch = redis.xread(XReadParams.xReadParams().block(BLOCK_MILLIS).count(BATCH),
                        Map.of(keys.feed(), lastSeen));
                backoffMillis = 100;
                lastRound = System.currentTimeMillis();
                if (batch == null) {
                    continue;
                }
                for (var stream : batch) {
                    for (StreamEntry entry : stream.getValue()) {
                        lastSeen = entry.getID();
                        Map<String, String> fields = entry.getFields();
                        codec.decode(fields.get("seq"), fields, entry.getID().toString()).ifPresent(bus::publish);
                    }
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("Event feed read failed, retrying in {} ms: {}", backoffMillis, e.toString());
                sleep(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, 5000);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The events after feed position {@code afterFeedId}; empty when the feed no longer reaches back so far. */
    public Optional<List<LoggedEvent>> since(String afterFeedId) {
        List<StreamEntry> first = redis.xrange(keys.feed(), "-", "+", 1);
        if (!first.isEmpty() && Seq.compare(afterFeedId,
                first.get(0).getID().toString()) < 0) {
            // Trimmed past the client's position (unless it was exactly the entry before the first we have).
            return Optional.empty();
        }
        List<LoggedEvent> events = new ArrayList<>();
        for (StreamEntry entry : redis.xrange(keys.feed(), "(" + afterFeedId, "+")) {
            Map<String, String> fields = entry.getFields();
            codec.decode(fields.get("seq"), fields, entry.getID().toString()).ifPresent(events::add);
        }
        return Optional.of(events);
    }

    /** The feed's newest position, where a new console starts. */
    public String latestId() {
        List<StreamEntry> last = redis.xrevrange(keys.feed(), "+", "-", 1);
        return last.isEmpty() ? "0-0" : last.get(0).getID().toString();
    }

    /**
     * Whether the feed is being read: its thread runs and finished a read within {@code stall} (a read waits a
     * second at most, so a longer silence means it is stuck, dead, or cannot reach Redis).
     */
    public boolean alive(Duration stall) {
        return running && thread.isAlive() && System.currentTimeMillis() - lastRound < stall.toMillis();
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
