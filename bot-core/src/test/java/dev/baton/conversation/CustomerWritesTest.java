package dev.baton.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.conversation.AppendResult.Status;
import dev.baton.event.LoggedEvent;
import dev.baton.event.MessageCreated;
import dev.baton.event.MessageRead;
import dev.baton.store.Json;
import dev.baton.store.RedisConversationStore;
import dev.baton.store.RedisKeys;
import dev.baton.testing.TestRedis;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/**
 * What a customer can make a conversation store: a budget of events per minute across all their connections and
 * nodes, checked in the atomic write; read receipts only when they move forward.
 */
class CustomerWritesTest {
    private static final int BUDGET = 10;

    private final RedisClient redis = TestRedis.newClient();
    private final RedisKeys keys = TestRedis.newKeys();
    private final ConversationService conversations = new ConversationService(
            new RedisConversationStore(redis, keys, Json.newMapper()), "node-1", Clock.systemUTC(), BUDGET);

    @AfterEach
    void cleanUp() {
        TestRedis.clean(redis, keys);
        redis.close();
    }

    /** Runs every task at once on its own thread and returns their results. */
    private static <T> List<T> allAtOnce(List<Supplier<T>> tasks) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(tasks.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (Supplier<T> task : tasks) {
            futures.add(threads.submit(() -> {
                go.await();
                return task.get();
            }));
        }
        go.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get(30, TimeUnit.SECONDS));
        }
        threads.shutdown();
        return results;
    }

    private long customerMessages(String id) {
        return conversations.eventsAfter(id, null).stream()
                .filter(e -> e.event() instanceof MessageCreated created && created.author().role() == Role.CUSTOMER)
                .count();
    }

    @Test
    void a_conversation_stores_at_most_its_budget_of_customer_events_a_minute_whoever_writes() throws Exception {
        String id = conversations.start("visitor-1", "en").conversation().id();
        List<Supplier<AppendResult>> sends = new ArrayList<>();
        for (int i = 0; i < 3 * BUDGET; i++) {
            String clientMsgId = "m-" + i;
            sends.add(() -> conversations.addCustomerMessage(id, clientMsgId, "message " + clientMsgId));
        }

        List<AppendResult> results = allAtOnce(sends);

        assertEquals(BUDGET, results.stream().filter(r -> r.status() == Status.APPENDED).count());
        assertEquals(2 * BUDGET, results.stream().filter(r -> r.status() == Status.RATE_LIMITED).count());
        assertEquals(BUDGET, customerMessages(id), "an over-limit write stores nothing");
        AppendResult refused = results.stream().filter(r -> r.status() == Status.RATE_LIMITED).findFirst()
                .orElseThrow();
        assertTrue(refused.retryAfterMillis() > 0 && refused.retryAfterMillis() <= 60_000,
                () -> "retry after " + refused.retryAfterMillis());
    }

    @Test
    void over_the_budget_a_resent_message_is_still_acknowledged_and_the_bot_and_team_still_write()
            throws Exception {
        String id = conversations.start("visitor-1", "en").conversation().id();
        String firstSeq = conversations.addCustomerMessage(id, "m-0", "first").seq();
        for (int i = 1; i < BUDGET; i++) {
            conversations.addCustomerMessage(id, "m-" + i, "message " + i);
        }
        assertEquals(Status.RATE_LIMITED, conversations.addCustomerMessage(id, "m-late", "one too many").status());

        AppendResult emailLeft = conversations.leaveEmail(id, "kim@example.com", Author.system(), "Noted.")
                .orElseThrow();
        assertEquals(Status.RATE_LIMITED, emailLeft.status());
        assertEquals(null, conversations.find(id).orElseThrow().customer().email(), "the address is not kept");

        AppendResult resent = conversations.addCustomerMessage(id, "m-0", "first");
        AppendResult bot = conversations.addBotMessage(id, firstSeq, Author.bot("Baton"),
                "An answer", List.of(), null);
        AppendResult resolved = conversations.resolve(id, "agent-1");

        assertEquals(Status.DUPLICATE, resent.status());
        assertEquals(firstSeq, resent.seq());
        assertEquals(Status.APPENDED, bot.status());
        assertEquals(Status.APPENDED, resolved.status());
    }

    @Test
    void a_read_receipt_is_stored_only_when_it_moves_forward_however_they_race() throws Exception {
        String id = conversations.start("visitor-1", "en").conversation().id();
        List<String> seqs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            seqs.add(conversations.addCustomerMessage(id, "m-" + i, "message " + i).seq());
        }
        List<Supplier<AppendResult>> reads = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String seq = seqs.get(i % 3);
            reads.add(() -> conversations.customerRead(id, seq));
        }
        Collections.shuffle(reads);

        allAtOnce(reads);

        List<String> stored = conversations.eventsAfter(id, null).stream()
                .filter(e -> e.event() instanceof MessageRead).map(LoggedEvent::event)
                .map(e -> ((MessageRead) e).seq()).toList();
        assertTrue(!stored.isEmpty() && stored.size() <= 3, stored::toString);
        for (int i = 1; i < stored.size(); i++) {
            assertTrue(Seq.compare(stored.get(i - 1), stored.get(i)) < 0, () -> "only forward: " + stored);
        }
        assertEquals(seqs.get(2), stored.get(stored.size() - 1));
        assertEquals(seqs.get(2), conversations.find(id).orElseThrow().handling().customerReadSeq());
        assertEquals(Status.UNCHANGED, conversations.customerRead(id, seqs.get(1)).status(), "behind");
        assertEquals(Status.UNCHANGED, conversations.customerRead(id, seqs.get(2)).status(), "the same");
        assertEquals(Status.UNCHANGED, conversations.customerRead(id, "99999999999999-0").status(),
                "ahead of the conversation");
    }
}
