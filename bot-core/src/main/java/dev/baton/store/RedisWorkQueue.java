package dev.baton.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.event.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.XAutoClaimParams;
import redis.clients.jedis.params.XClaimParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * The feed read as a Redis consumer group: every event goes to exactly one node's {@link Worker}, is acknowledged
 * when the worker says it is done, and is claimed by another node when it stays unacknowledged too long (its node
 * died). A group remembers where it is, so events stored while every node was down are worked on at the next start.
 *
 * <p>A node holds at most {@code capacity} events at a time: it reads from Redis only as many as it has room for, so
 * what it cannot work on soon stays in Redis for the other nodes, and its worker's queues stay bounded. While it
 * holds an event it renews its claim on it (every {@code claimEvery}), so neither it nor another node hands the
 * event out again while it is still being worked on; a node that stops renewing (it died) loses its events to the
 * others after {@code claimAfter}. A worker that has not said it is done after four claim periods is presumed to
 * have dropped the event (the webhook preparer does when it fails): the node lets it go, and the event is taken
 * again, by this node or another.
 *
 * <p>With several partitions (a Redis Cluster), each partition's stream has its own group, read by a thread of its
 * own; the room is shared. The worker is then called from several threads, but a conversation's events, all in one
 * partition, from one, in order.
 */
public final class RedisWorkQueue implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RedisWorkQueue.class);
    private static final int BLOCK_MILLIS = 1000;
    private static final int BATCH = 100;
    /** Longer than several renewals; then the event is presumed orphaned. */
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
    /** One permit per event this node may still take; taken by the reader, given back when the work is done. */
    private final Semaphore room;
    /** The events this node took and is not done with, and since when. */
    private final Map<Place, Holding> held = new ConcurrentHashMap<>();
    private final List<Reader> readers;
    private volatile boolean running = true;

    /** @param capacity how many events this node holds at most (taken and not yet done) */
    public RedisWorkQueue(UnifiedJedis redis, RedisKeys keys, ObjectMapper json, String group, String consumer,
            int capacity, Worker worker) {
        this(redis, keys, json, group, consumer, capacity, worker, CLAIM_AFTER, CLAIM_EVERY);
    }

    RedisWorkQueue(UnifiedJedis redis, RedisKeys keys, ObjectMapper json, String group, String consumer,
            int capacity, Worker worker, Duration claimAfter, Duration claimEvery) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a work queue needs room for one event at least");
        }
        this.claimAfter = claimAfter;
        this.claimEvery = claimEvery;
        this.redis = redis;
        this.keys = keys;
        this.codec = new EventCodec(json);
        this.group = group;
        this.consumer = consumer;
        this.worker = worker;
        this.room = new Semaphore(capacity);
        this.readers = IntStream.range(0, keys.partitions()).mapToObj(Reader::new).toList();
    }

    public void start() {
        for (Reader reader : readers) {
            try {
                redis.xgroupCreate(reader.stream, group, StreamEntryID.XGROUP_LAST_ENTRY, true);
            } catch (JedisDataException alreadyThere) {
                if (!String.valueOf(alreadyThere.getMessage()).startsWith("BUSYGROUP")) {
                    throw alreadyThere;
                }
            }
        }
        readers.forEach(Reader::start);
    }

    /** An entry of one partition's stream. */
    private record Place(int partition, StreamEntryID id) {}

    /** The group of one partition's stream, read by its own thread. */
    private final class Reader {
        final int partition;
        final String stream;
        final Thread thread;
        /** When the last round of the reader ended well (epoch ms); a reader stuck or dead stops moving it. */
        volatile long lastRound;

        Reader(int partition) {
            this.partition = partition;
            this.stream = keys.feed(partition);
            this.thread = new Thread(this::run,
                    "baton-work-" + group + (keys.partitioned() ? "-" + partition : ""));
            this.thread.setDaemon(true);
        }

        void start() {
            lastRound = System.currentTimeMillis();
            thread.start();
        }

        private void run() {
            long nextClaim = 0;
            long backoffMillis = 100;
            while (running) {
                try {
                    if (System.currentTimeMillis() >= nextClaim) {
                        renewHeld(this);
                        claimOrphans(this);
                        nextClaim = System.currentTimeMillis() + claimEvery.toMillis();
                    }
                    // Never wait longer than a renewal period, so what this node holds is renewed in time.
                    long wait = Math.min(BLOCK_MILLIS, claimEvery.toMillis());
                    int free = awaitRoom(wait);
                    if (free > 0) {
                        var batch = redis.xreadGroup(group, consumer,
                                XReadGroupParams.xReadGroupParams().block((int) wait).count(Math.min(BATCH, free)),
                                Map.of(stream, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
                        if (batch != null) {
                            batch.forEach(entries -> entries.getValue().forEach(entry -> hand(partition, entry)));
                        }
                    }
                    backoffMillis = 100;
                    lastRound = System.currentTimeMillis();
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
    }

    /** How many more events this node can take, waiting up to {@code millis} for room when it has none. */
    private int awaitRoom(long millis) {
        try {
            if (room.tryAcquire(millis, TimeUnit.MILLISECONDS)) {
                room.release();
                return room.availablePermits();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
        return 0;
    }

    /** One event taken: when, and whether it is over (done, or let go). */
    private final class Holding {
        final Place place;
        final long takenAt = System.currentTimeMillis();
        private final AtomicBoolean over = new AtomicBoolean();

        Holding(Place place) {
            this.place = place;
        }

        /** Ends the holding once: frees its room; true for the caller that ended it. */
        boolean end() {
            if (!over.compareAndSet(false, true)) {
                return false;
            }
            held.remove(place);
            room.release();
            return true;
        }
    }

    /**
     * Claims what this node holds again, which resets its idle time: nobody takes it over while it is worked on.
     * What a worker has held too long is let go instead.
     */
    private void renewHeld(Reader reader) {
        long dropBefore = System.currentTimeMillis() - claimAfter.multipliedBy(4).toMillis();
        List<StreamEntryID> renewed = new ArrayList<>();
        for (Holding holding : List.copyOf(held.values())) {
            if (holding.place.partition() != reader.partition) {
                continue;
            }
            if (holding.takenAt >= dropBefore) {
                renewed.add(holding.place.id());
            } else if (holding.end()) {
                log.warn("Work queue {} let go of {}: not done after {} s; it will be taken again", group,
                        holding.place.id(), claimAfter.multipliedBy(4).toSeconds());
            }
        }
        if (!renewed.isEmpty()) {
            redis.xclaimJustId(reader.stream, group, consumer, 0, XClaimParams.xClaimParams(),
                    renewed.toArray(StreamEntryID[]::new));
        }
    }

    private void claimOrphans(Reader reader) {
        StreamEntryID cursor = new StreamEntryID(0, 0);
        do {
            int free = room.availablePermits();
            if (free == 0) {
                return; // the orphans wait in Redis for a node with room
            }
            var claimed = redis.xautoclaim(reader.stream, group, consumer, claimAfter.toMillis(), cursor,
                    XAutoClaimParams.xAutoClaimParams().count(Math.min(BATCH, free)));
            List<StreamEntry> entries = claimed.getValue().stream().filter(entry -> entry.getFields() != null
                    && !held.containsKey(new Place(reader.partition, entry.getID()))).toList();
            entries.forEach(entry -> hand(reader.partition, entry));
            if (!entries.isEmpty()) {
                log.info("Work queue {} took over {} events left by a node that stopped", group, entries.size());
            }
            cursor = claimed.getKey();
        } while (running && !cursor.equals(new StreamEntryID(0, 0)));
    }

    /** Gives one event to the worker; the reader read no more than there is room for, so a permit is free. */
    private void hand(int partition, StreamEntry entry) {
        Place place = new Place(partition, entry.getID());
        room.acquireUninterruptibly();
        Holding holding = new Holding(place);
        held.put(place, holding);
        Runnable done = () -> {
            if (holding.end()) {
                acknowledge(place);
            }
        };
        Map<String, String> fields = entry.getFields();
        codec.decode(fields.get("seq"), fields).ifPresentOrElse(event -> worker.take(event, done), done);
    }

    private void acknowledge(Place place) {
        try {
            redis.xack(keys.feed(place.partition()), group, place.id());
        } catch (RuntimeException e) {
            // Not acknowledged: another node takes the event again after a while; the work is idempotent.
            log.warn("Could not acknowledge {} in {}: {}", place.id(), group, e.toString());
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
     * Whether events are being taken: the reader runs and finished a round within {@code stall} (a round waits a
     * second at most, so a longer silence means it is stuck, dead, or cannot reach Redis).
     */
    public boolean alive(Duration stall) {
        long now = System.currentTimeMillis();
        return running && readers.stream()
                .allMatch(reader -> reader.thread.isAlive() && now - reader.lastRound < stall.toMillis());
    }

    @Override
    public void close() {
        running = false;
        try {
            for (Reader reader : readers) {
                reader.thread.join(BLOCK_MILLIS * 3L);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
