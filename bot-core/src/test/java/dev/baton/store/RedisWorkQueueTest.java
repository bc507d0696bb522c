package dev.baton.store;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.conversation.Author;
import dev.baton.conversation.Conversation;
import dev.baton.conversation.ConversationWrite;
import dev.baton.conversation.Owner;
import dev.baton.event.LoggedEvent;
import dev.baton.event.MessageCreated;
import dev.baton.event.Worker;
import dev.baton.testing.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XReadGroupParams;

/** Work that must happen once: each event to one node, and to another when the first one dies holding it. */
class RedisWorkQueueTest {
    private final RedisClient redis = TestRedis.newClient();
    private final RedisKeys keys = TestRedis.newKeys();
    private final RedisConversationStore store = new RedisConversationStore(redis, keys, Json.newMapper());
    private final List<RedisWorkQueue> queues = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        queues.forEach(RedisWorkQueue::close);
        TestRedis.clean(redis, keys);
        redis.close();
    }

    private RedisWorkQueue queue(String consumer, Worker worker) {
        return queue(consumer, 16, Duration.ofMillis(300), worker);
    }

    private RedisWorkQueue queue(String consumer, int capacity, Duration claimAfter, Worker worker) {
        var queue = new RedisWorkQueue(redis, keys, Json.newMapper(), "work", consumer, capacity, worker,
                claimAfter, Duration.ofMillis(100));
        queues.add(queue);
        queue.start();
        return queue;
    }

    private void say(String text) {
        store.write(ConversationWrite.of("c", new MessageCreated("c", Author.customer(), text, List.of(), null, null)),
                "n");
    }

    private static String text(LoggedEvent event) {
        return ((MessageCreated) event.event()).text();
    }

    @Test
    void each_event_goes_to_exactly_one_of_the_nodes() throws InterruptedException {
        store.create(new Conversation("c", "v", Owner.BOT, 0, null, null), "h", Duration.ofHours(1));
        List<String> taken = new CopyOnWriteArrayList<>();
        queue("a", (event, done) -> {
            taken.add("a:" + text(event));
            done.run();
        });
        queue("b", (event, done) -> {
            taken.add("b:" + text(event));
            done.run();
        });

        for (int i = 0; i < 40; i++) {
            say("m" + i);
        }

        await().untilAsserted(() -> assertEquals(40, taken.size()));
        Set<String> texts = ConcurrentHashMap.newKeySet();
        taken.forEach(t -> texts.add(t.substring(2)));
        assertEquals(40, texts.size(), "no event twice: " + taken);
    }

    @Test
    void events_a_dead_node_held_are_taken_over_by_another() throws InterruptedException {
        store.create(new Conversation("c", "v", Owner.BOT, 0, null, null), "h", Duration.ofHours(1));
        List<String> dying = new CopyOnWriteArrayList<>();
        RedisWorkQueue first = queue("dying", (event, done) -> dying.add(text(event)));
        say("held");
        await().untilAsserted(() -> assertEquals(List.of("held"), dying));
        first.close();

        List<String> survivor = new CopyOnWriteArrayList<>();
        queue("survivor", (event, done) -> {
            survivor.add(text(event));
            done.run();
        });

        await().untilAsserted(() -> assertEquals(List.of("held"), survivor));
    }

    @Test
    void a_node_takes_only_as_many_events_as_it_has_room_for_and_leaves_the_rest_to_others()
            throws InterruptedException {
        store.create(new Conversation("c", "v", Owner.BOT, 0, null, null), "h", Duration.ofHours(1));
        List<String> busy = new CopyOnWriteArrayList<>();
        queue("busy", 2, Duration.ofSeconds(30), (event, done) -> busy.add(text(event))); // never done
        for (int i = 0; i < 5; i++) {
            say("m" + i);
        }
        await().untilAsserted(() -> assertEquals(2, busy.size()));

        List<String> other = new CopyOnWriteArrayList<>();
        queue("other", 16, Duration.ofSeconds(30), (event, done) -> {
            other.add(text(event));
            done.run();
        });

        await().untilAsserted(() -> assertEquals(3, other.size(), "the events the busy node had no room for"));
        assertEquals(2, busy.size());
        Set<String> all = ConcurrentHashMap.newKeySet();
        all.addAll(busy);
        all.addAll(other);
        assertEquals(Set.of("m0", "m1", "m2", "m3", "m4"), all);
    }

    @Test
    void an_event_a_node_is_still_working_on_is_handed_out_again_neither_to_it_nor_to_another_node()
            throws InterruptedException {
        store.create(new Conversation("c", "v", Owner.BOT, 0, null, null), "h", Duration.ofHours(1));
        redis.xgroupCreate(keys.feed(), "work", StreamEntryID.XGROUP_LAST_ENTRY, true);
        List<String> slowNode = new CopyOnWriteArrayList<>();
        List<Runnable> slowWork = new CopyOnWriteArrayList<>();
        // Room for one: busy with the slow event, it reads nothing else.
        queue("slow", 1, Duration.ofSeconds(1), (event, done) -> {
            slowNode.add(text(event));
            slowWork.add(done);
        });
        say("slow");
        await().untilAsserted(() -> assertEquals(List.of("slow"), slowNode));
        // The marker: an event a node took and then died with, after the slow one was taken. Once another node
        // took it over, the slow event had been unacknowledged longer than the claim timeout too.
        say("orphan");
        var orphaned = redis.xreadGroup("work", "dead", XReadGroupParams.xReadGroupParams().count(1),
                Map.of(keys.feed(), StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
        assertEquals(1, orphaned.get(0).getValue().size());

        List<String> otherNode = new CopyOnWriteArrayList<>();
        queue("other", 16, Duration.ofSeconds(1), (event, done) -> {
            otherNode.add(text(event));
            done.run();
        });

        await().untilAsserted(() -> assertEquals(List.of("orphan"), otherNode));
        assertEquals(List.of("slow"), slowNode, "not handed to the slow node a second time");
        slowWork.forEach(Runnable::run);
        await().untilAsserted(() -> assertEquals(0, redis.xpending(keys.feed(), "work").getTotal()));
    }

    @Test
    void an_event_a_worker_dropped_without_saying_done_is_taken_again() throws InterruptedException {
        store.create(new Conversation("c", "v", Owner.BOT, 0, null, null), "h", Duration.ofHours(1));
        List<String> taken = new CopyOnWriteArrayList<>();
        queue("dropping", 16, Duration.ofMillis(300), (event, done) -> {
            taken.add(text(event));
            if (taken.size() > 1) {
                done.run(); // the first time it failed and said nothing, like the webhook preparer
            }
        });

        say("flaky");

        await().untilAsserted(() -> assertEquals(List.of("flaky", "flaky"), taken));
        await().untilAsserted(() -> assertEquals(0, redis.xpending(keys.feed(), "work").getTotal()));
    }

    @Test
    void events_stored_while_every_node_was_down_are_worked_on_at_the_next_start() throws InterruptedException {
        store.create(new Conversation("c", "v", Owner.BOT, 0, null, null), "h", Duration.ofHours(1));
        queue("first-run", (event, done) -> done.run()).close();
        say("while down");

        List<String> taken = new CopyOnWriteArrayList<>();
        queue("second-run", (event, done) -> {
            taken.add(text(event));
            done.run();
        });

        await().untilAsserted(() -> assertTrue(taken.contains("while down"), taken::toString));
    }

    @Test
    void is_alive_while_it_reads_and_not_while_its_reader_is_stuck_or_after_it_stopped() throws InterruptedException {
        store.create(new Conversation("c", "v", Owner.BOT, 0, null, null), "h", Duration.ofHours(1));
        CountDownLatch release = new CountDownLatch(1);
        // A worker that blocks (workers must not) holds the reader up: the queue stops finishing rounds.
        var queue = queue("stuck", (event, done) -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            done.run();
        });
        Duration stall = Duration.ofMillis(700);
        await().untilAsserted(() -> assertTrue(queue.alive(stall)));

        say("blocks the reader");
        await().untilAsserted(() -> assertFalse(queue.alive(stall), "stuck"));
        release.countDown();
        await().untilAsserted(() -> assertTrue(queue.alive(stall), "reading again"));
        queue.close();
        assertFalse(queue.alive(stall), "stopped");
    }
}
