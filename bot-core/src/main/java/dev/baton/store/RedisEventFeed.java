package dev.baton.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.conversation.Seq;
import dev.baton.event.EventBus;
import dev.baton.event.FeedPosition;
import dev.baton.event.LoggedEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;
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
 *
 * <p>With one partition, one thread reads the feed and publishes. With several (a Redis Cluster), a thread reads each
 * partition's stream (a read of several would cross slots) and hands what it reads to one publishing thread, so the
 * bus's listeners still hear one event at a time, and a conversation's events (all in one partition) in order.
 */
public final class RedisEventFeed implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RedisEventFeed.class);
    private static final int BLOCK_MILLIS = 1000;
    private static final int BATCH = 500;
    /** Read but not yet published (several partitions only): a full hand-off makes the readers wait. */
    private static final int HANDOFF = 10_000;

    private final UnifiedJedis redis;
    private final RedisKeys keys;
    private final EventCodec codec;
    private final EventBus bus;
    private final List<Reader> readers;
    /** Several partitions only: between the readers and the publishing thread. */
    private final BlockingQueue<LoggedEvent> handoff;
    private final Thread publisher;
    private volatile boolean running = true;

    public RedisEventFeed(UnifiedJedis redis, RedisKeys keys, ObjectMapper json, EventBus bus) {
        this.redis = redis;
        this.keys = keys;
        this.codec = new EventCodec(json);
        this.bus = bus;
        boolean partitioned = keys.partitioned();
        this.handoff = partitioned ? new ArrayBlockingQueue<>(HANDOFF) : null;
        this.publisher = partitioned ? new Thread(this::publish, "baton-event-feed") : null;
        Consumer<LoggedEvent> deliver = partitioned ? this::handOver : bus::publish;
        this.readers = IntStream.range(0, keys.partitions())
                .mapToObj(partition -> new Reader(partition, deliver)).toList();
    }

    /** Starts tailing from the current end of the feed; events stored after this call are all delivered. */
    public void start() {
        FeedPosition end = latest();
        if (publisher != null) {
            publisher.setDaemon(true);
            publisher.start();
        }
        readers.forEach(reader -> reader.start(end.lastId(reader.partition)));
    }

    /** One partition's stream, read by its own thread. */
    private final class Reader {
        final int partition;
        final String stream;
        private final Consumer<LoggedEvent> deliver;
        private final Thread thread;
        /** When the last read round ended well (epoch ms); a thread stuck or dead stops moving it. */
        volatile long lastRound;
        /** Written by {@link #start} before the thread starts, then only by the thread. */
        private StreamEntryID lastSeen;

        Reader(int partition, Consumer<LoggedEvent> deliver) {
            this.partition = partition;
            this.stream = keys.feed(partition);
            this.deliver = deliver;
            String name = keys.partitioned() ? "baton-event-feed-" + partition : "baton-event-feed";
            this.thread = new Thread(this::run, name);
            this.thread.setDaemon(true);
        }

        void start(String from) {
            lastSeen = new StreamEntryID(from);
            lastRound = System.currentTimeMillis();
            thread.start();
        }

        boolean alive(Duration stall) {
            return thread.isAlive() && System.currentTimeMillis() - lastRound < stall.toMillis();
        }

        private void run() {
            long backoffMillis = 100;
            while (running) {
                try {
                    var batch = redis.xread(XReadParams.xReadParams().block(BLOCK_MILLIS).count(BATCH),
                            Map.of(stream, lastSeen));
                    backoffMillis = 100;
                    lastRound = System.currentTimeMillis();
                    if (batch == null) {
                        continue;
                    }
                    for (var entries : batch) {
                        for (StreamEntry entry : entries.getValue()) {
                            lastSeen = entry.getID();
                            decode(partition, entry).ifPresent(deliver);
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
    }

    private Optional<LoggedEvent> decode(int partition, StreamEntry entry) {
        Map<String, String> fields = entry.getFields();
        return codec.decode(fields.get("seq"), fields,
                FeedPosition.place(keys.partitions(), partition, entry.getID().toString()));
    }

    private void handOver(LoggedEvent event) {
        try {
            handoff.put(event);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void publish() {
        while (running) {
            try {
                LoggedEvent event = handoff.poll(BLOCK_MILLIS, TimeUnit.MILLISECONDS);
                if (event != null) {
                    bus.publish(event);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // The bus's listeners never throw by contract; one that does must not stop the feed.
                log.warn("An event listener failed: {}", e.toString());
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

    /**
     * The events after feed position {@code after}, partition after partition in the order of their entry ids; empty
     * when the feed of some partition no longer reaches back so far.
     */
    public Optional<List<LoggedEvent>> since(FeedPosition after) {
        List<LoggedEvent> events = new ArrayList<>();
        for (int partition = 0; partition < keys.partitions(); partition++) {
            String stream = keys.feed(partition);
            String afterId = after.lastId(partition);
            List<StreamEntry> first = redis.xrange(stream, "-", "+", 1);
            if (!first.isEmpty() && Seq.compare(afterId, first.get(0).getID().toString()) < 0) {
                // Trimmed past the client's position (unless it was exactly the entry before the first we have).
                return Optional.empty();
            }
            for (StreamEntry entry : redis.xrange(stream, "(" + afterId, "+")) {
                decode(partition, entry).ifPresent(events::add);
            }
        }
        if (keys.partitioned()) {
            events.sort(Comparator.comparing(LoggedEvent::seq, Seq::compare));
        }
        return Optional.of(events);
    }

    /** The feed's newest position, where a new console starts. */
    public FeedPosition latest() {
        List<String> ids = new ArrayList<>();
        for (int partition = 0; partition < keys.partitions(); partition++) {
            List<StreamEntry> last = redis.xrevrange(keys.feed(partition), "+", "-", 1);
            ids.add(last.isEmpty() ? "0-0" : last.get(0).getID().toString());
        }
        return new FeedPosition(ids);
    }

    /** A position a client sent back, if it is one of this feed. */
    public Optional<FeedPosition> position(String text) {
        return FeedPosition.parse(text, keys.partitions());
    }

    /**
     * Whether the feed is being read: its threads run and each finished a read within {@code stall} (a read waits a
     * second at most, so a longer silence means it is stuck, dead, or cannot reach Redis).
     */
    public boolean alive(Duration stall) {
        return running && (publisher == null || publisher.isAlive())
                && readers.stream().allMatch(reader -> reader.alive(stall));
    }

    @Override
    public void close() {
        running = false;
        try {
            for (Reader reader : readers) {
                reader.thread.join(BLOCK_MILLIS * 3L);
            }
            if (publisher != null) {
                publisher.join(BLOCK_MILLIS * 3L);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
