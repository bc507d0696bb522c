package dev.baton.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.conversation.AppendResult.Status;
import dev.baton.conversation.Author;
import dev.baton.conversation.Conversation;
import dev.baton.conversation.ConversationWrite;
import dev.baton.conversation.Owner;
import dev.baton.conversation.Transition;
import dev.baton.event.MessageCreated;
import dev.baton.inbox.InboxView;
import dev.baton.testing.TestCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Conversations partitioned over a real three-master Redis Cluster: every write runs in its partition's slot, the
 * inbox views of all partitions read as one, and an agent's capacity holds across partitions.
 */
class PartitionedStoreClusterTest {
    private static final int PARTITIONS = 16;

    private final RedisClusterClient redis = TestCluster.newClient();
    private final RedisKeys keys = new RedisKeys("test-" + UUID.randomUUID(), PARTITIONS);
    private final RedisConversationStore store = new RedisConversationStore(redis, keys, Json.newMapper());
    private final RedisInbox inbox = new RedisInbox(redis, keys);

    @AfterEach
    void close() {
        redis.close();
    }

    private String newConversation(long createdAt) {
        String id = UUID.randomUUID().toString();
        store.create(new Conversation(id, "visitor-1", Owner.BOT, createdAt, "en", null), "hash",
                Duration.ofHours(1));
        return id;
    }

    private static MessageCreated says(String conversationId, String text) {
        return new MessageCreated(conversationId, Author.customer(), text, List.of(), null, null);
    }

    /** Conversations until they fall in {@code count} partitions at least. */
    private List<String> conversationsInPartitions(int count) {
        List<String> ids = new ArrayList<>();
        Set<Integer> partitions = new HashSet<>();
        while (partitions.size() < count) {
            String id = newConversation(1_000L + ids.size());
            ids.add(id);
            partitions.add(keys.partitionOf(id));
        }
        return ids;
    }

    /** Handed off at {@code at} (epoch ms), which orders the waiting view. */
    private Status handOff(String id, long at) {
        return store.write(ConversationWrite.of(id, says(id, "a person please")).through(Transition.HAND_OFF)
                .setting("handedOffAt", Long.toString(at)), "node-a").status();
    }

    private Status claim(String id, String agentId, int limit) {
        return store.write(ConversationWrite.of(id, says(id, "joined")).through(Transition.CLAIM)
                .setting("assignee", agentId).withinCapacity(agentId, limit), "node-a").status();
    }

    @Test
    void a_conversations_keys_its_feed_and_its_views_share_one_slot_and_partitions_spread_over_the_masters() {
        Set<Integer> slots = new HashSet<>();
        for (String id : conversationsInPartitions(PARTITIONS)) {
            int partition = keys.partitionOf(id);
            int slot = JedisClusterCRC16.getSlot(keys.conversation(id));
            for (String key : List.of(keys.conversationLog(id), keys.clientMessageIds(id), keys.customerEvents(id),
                    keys.feed(partition), keys.conversationsByCreation(partition), keys.inbox("waiting", partition),
                    keys.agentInbox("ann", partition), keys.visitorConversations("v", partition))) {
                assertEquals(slot, JedisClusterCRC16.getSlot(key), key);
            }
            slots.add(slot);
        }
        assertEquals(PARTITIONS, slots.size());
        // A third of the slots per master: slots below 5461 are on the first, from 10922 on the third.
        assertTrue(slots.stream().anyMatch(slot -> slot < 5461) && slots.stream().anyMatch(slot -> slot >= 10922));
        assertNotEquals(JedisClusterCRC16.getSlot(keys.agents()), JedisClusterCRC16.getSlot(keys.feed(0)));
    }

    @Test
    void writes_in_every_partition_land_in_their_feed_and_the_inbox_reads_them_as_one() {
        List<String> ids = conversationsInPartitions(4);
        for (String id : ids) {
            assertEquals(Status.APPENDED, store.write(ConversationWrite.of(id, says(id, "hello")), "node-a").status());
        }
        for (int i = 0; i < ids.size(); i++) {
            assertEquals(Status.APPENDED, handOff(ids.get(i), 5_000L + i));
        }

        assertEquals(ids, inbox.list(InboxView.WAITING, "ann", 0, ids.size()), "the longest waiting first");
        assertEquals(ids.subList(1, 3), inbox.list(InboxView.WAITING, "ann", 1, 2));
        assertEquals(Map.of(InboxView.WAITING, (long) ids.size(), InboxView.OPEN, (long) ids.size(),
                InboxView.BOT, 0L, InboxView.RESOLVED, 0L, InboxView.MINE, 0L),
                inbox.counts(List.of("ann")).get("ann"));
        long feedEntries = 0;
        for (int partition = 0; partition < PARTITIONS; partition++) {
            feedEntries += redis.xlen(keys.feed(partition));
        }
        assertEquals(2L * ids.size(), feedEntries);
        List<String> newestFirst = new ArrayList<>(ids);
        Collections.reverse(newestFirst);
        assertEquals(newestFirst, store.ofVisitor("visitor-1", ids.size()).stream().map(Conversation::id).toList(),
                "newest first, from every partition");
    }

    @Test
    void an_agents_capacity_holds_across_partitions_and_a_refused_claim_gives_its_place_back() {
        List<String> ids = conversationsInPartitions(3);
        ids.forEach(id -> handOff(id, 5_000L));
        String first = ids.get(0);
        String second = ids.get(1);
        String third = ids.get(2);

        assertEquals(Status.APPENDED, claim(first, "ann", 2));
        assertEquals(Status.APPENDED, claim(second, "ann", 2));
        assertEquals(Status.OVER_CAPACITY, claim(third, "ann", 2));
        assertEquals(2, inbox.openCount("ann"));

        // Bob takes the third; Ann's later claim of it is refused and takes no place of hers.
        assertEquals(Status.APPENDED, claim(third, "bob", 5));
        assertEquals(Status.NOT_OWNER, claim(third, "cyd", 5));
        assertEquals(Set.of(third), Set.copyOf(redis.zrange(keys.agentReservations("bob"), 0, -1)));
        assertEquals(List.of(), redis.zrange(keys.agentReservations("cyd"), 0, -1));

        // Ann resolves her first; its place is pruned once full (for a place older than the prune delay).
        assertEquals(Status.APPENDED, store.write(ConversationWrite.of(first, says(first, "done"))
                .through(Transition.RESOLVE), "node-a").status());
        String fourth = conversationsInPartitions(1).get(0);
        handOff(fourth, 5_000L);
        assertEquals(Status.OVER_CAPACITY, claim(fourth, "ann", 2), "the place is young: a claim may be in flight");
        redis.zadd(keys.agentReservations("ann"), System.currentTimeMillis() - 60_000, first);
        assertEquals(Status.APPENDED, claim(fourth, "ann", 2));
        assertEquals(Set.of(second, fourth), Set.copyOf(redis.zrange(keys.agentReservations("ann"), 0, -1)));
    }
}
