package dev.baton.server.ops;

import dev.baton.store.RedisKeys;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.StreamGroupInfo;

/**
 * A work queue's depth as Redis sees it, for all nodes at once (so every node reports the same): the events taken
 * and not yet acknowledged ({@code baton_work_queue_pending}) and how long the oldest event no node has taken yet
 * has waited ({@code baton_work_queue_oldest_waiting_seconds}, 0 when none waits). Read at each scrape: two or three
 * small Redis commands per queue.
 */
final class WorkQueueBacklog {
    private final String group;
    private final UnifiedJedis redis;
    private final RedisKeys keys;

    private WorkQueueBacklog(String group, UnifiedJedis redis, RedisKeys keys) {
        this.group = group;
        this.redis = redis;
        this.keys = keys;
    }

    static void register(String group, UnifiedJedis redis, RedisKeys keys, MeterRegistry registry) {
        WorkQueueBacklog backlog = new WorkQueueBacklog(group, redis, keys);
        Gauge.builder("baton.work.queue.pending", backlog, WorkQueueBacklog::pending).strongReference(true)
                .description("Events of the queue taken by some node and not yet done, all nodes together")
                .tag("queue", group).register(registry);
        Gauge.builder("baton.work.queue.oldest.waiting", backlog, WorkQueueBacklog::oldestWaitingSeconds)
                .strongReference(true).baseUnit("seconds")
                .description("How long the oldest event no node has taken yet has waited")
                .tag("queue", group).register(registry);
    }

    private Optional<StreamGroupInfo> info(int partition) {
        List<StreamGroupInfo> groups = redis.xinfoGroups(keys.feed(partition));
        return groups.stream().filter(info -> group.equals(info.getName())).findFirst();
    }

    /** The pending events of every partition's group together. */
    private double pending() {
        double pending = 0;
        for (int partition = 0; partition < keys.partitions(); partition++) {
            Optional<StreamGroupInfo> info = info(partition);
            if (info.isEmpty()) {
                return Double.NaN;
            }
            pending += info.get().getPending();
        }
        return pending;
    }

    /** The longest wait of any partition's oldest event not yet taken. */
    private double oldestWaitingSeconds() {
        double oldest = 0;
        for (int partition = 0; partition < keys.partitions(); partition++) {
            Optional<StreamGroupInfo> info = info(partition);
            if (info.isEmpty()) {
                return Double.NaN;
            }
            List<StreamEntry> next = redis.xrange(keys.feed(partition), "(" + info.get().getLastDeliveredId(), "+",
                    1);
            if (!next.isEmpty()) {
                oldest = Math.max(oldest,
                        Math.max(0, System.currentTimeMillis() - next.get(0).getID().getTime()) / 1000.0);
            }
        }
        return oldest;
    }
}
