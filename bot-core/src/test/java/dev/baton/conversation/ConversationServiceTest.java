package dev.baton.conversation;

import static dev.baton.testing.TestHandoffs.AVAILABLE;
import static dev.baton.testing.TestHandoffs.SYSTEM;
import static dev.baton.testing.TestHandoffs.context;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.conversation.AppendResult.Status;
import dev.baton.event.HandedOff;
import dev.baton.event.LoggedEvent;
import dev.baton.event.MessageCreated;
import dev.baton.handoff.Reason;
import dev.baton.store.Json;
import dev.baton.store.RedisConversationStore;
import dev.baton.store.RedisKeys;
import dev.baton.testing.TestRedis;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

class ConversationServiceTest {
    private final RedisClient redis = TestRedis.newClient();
    private final RedisKeys keys = TestRedis.newKeys();
    private final ConversationService conversations = new ConversationService(
            new RedisConversationStore(redis, keys, Json.newMapper()), "node-1", Clock.systemUTC());

    @AfterEach
    void cleanUp() {
        TestRedis.clean(redis, keys);
        redis.close();
    }

    @Test
    void a_conversation_resumes_with_its_token_and_with_nothing_else() {
        var started = conversations.start("visitor-1", "en");
        var other = conversations.start("visitor-2", "en");
        String id = started.conversation().id();

        assertEquals(id, conversations.resume(id, started.resumeToken()).orElseThrow().id());
        assertTrue(conversations.resume(id, other.resumeToken()).isEmpty());
        assertTrue(conversations.resume(id, "").isEmpty());
        assertTrue(conversations.resume("no-such-conversation", started.resumeToken()).isEmpty());
    }

    @Test
    void the_resume_token_is_not_stored_in_the_clear() {
        var started = conversations.start("visitor-1", "en");

        String stored = redis.hget(keys.conversation(started.conversation().id()), "resumeTokenHash");

        assertNotEquals(started.resumeToken(), stored);
        assertEquals(64, stored.length());
    }

    @Test
    void customer_messages_are_stored_with_their_client_id_and_bot_replies_after_them() {
        String id = conversations.start("visitor-1", "en").conversation().id();

        var asked = conversations.addCustomerMessage(id, "c-1", "How do points work?");
        var answered = conversations.addBotMessage(id, asked.seq(), Author.bot("Baton"), "You earn 1 point per dollar.",
                List.of(new Citation("points", "Points", "http://x/kb/points")), 0.9);

        var events = conversations.eventsAfter(id, null);
        assertEquals(List.of(asked.seq(), answered.seq()), events.stream().map(e -> e.seq()).toList());
        var reply = (MessageCreated) events.get(1).event();
        assertEquals("points", reply.citations().get(0).articleId());
        assertEquals("c-1", ((MessageCreated) events.get(0).event()).clientMsgId());
    }

    @Test
    void the_bot_cannot_write_once_it_does_not_own_the_conversation() {
        String id = conversations.start("visitor-1", "en").conversation().id();
        redis.hset(keys.conversation(id), "owner", Owner.WAITING.wireName());

        var reply = conversations.addBotMessage(id, "1-0", Author.bot("Baton"), "late answer", List.of(), null);
        var customer = conversations.addCustomerMessage(id, "c-2", "still there?");

        assertEquals(Status.NOT_OWNER, reply.status());
        assertEquals(Status.APPENDED, customer.status());
        assertEquals(1, conversations.eventsAfter(id, null).size());
    }


    @Test
    void a_handoff_moves_the_conversation_to_the_queue_once_and_the_bot_is_quiet_after() {
        String id = conversations.start("visitor-1", "en").conversation().id();

        var first = conversations.handOff(id, null, context("visitor-1"), "general", AVAILABLE, SYSTEM, "bringing someone in");
        var second = conversations.handOff(id, null, context("visitor-1"), "general", AVAILABLE, SYSTEM, "again");
        var botAfter = conversations.addBotMessage(id, "1-0", Author.bot("Baton"), "late", List.of(), null);

        assertEquals(Status.APPENDED, first.status());
        assertEquals(2, first.seqs().size(), "the handoff and the customer's message");
        assertEquals(Status.NOT_OWNER, second.status());
        assertEquals(Status.NOT_OWNER, botAfter.status());
        assertEquals(Owner.WAITING, conversations.find(id).orElseThrow().owner());
        assertEquals("normal", redis.hget(keys.conversation(id), "priority"));
        assertEquals(Reason.HUMAN_REQUESTED, conversations.latestHandoff(id).orElseThrow().reason());
    }

    @Test
    void a_customer_writing_to_a_resolved_conversation_reopens_it_in_the_bots_hands() {
        String id = conversations.start("visitor-1", "en").conversation().id();
        conversations.handOff(id, null, context("visitor-1"), "general", AVAILABLE, SYSTEM, "bringing someone in");
        conversations.resolve(id, "agent-7");
        assertEquals(Owner.RESOLVED, conversations.find(id).orElseThrow().owner());

        conversations.addCustomerMessage(id, "c-9", "one more question");

        assertEquals(Owner.BOT, conversations.find(id).orElseThrow().owner());
        History history = conversations.history(id);
        assertEquals(List.of("one more question"), history.sinceFreshStart().stream().map(Message::text).toList());
        assertEquals(List.of("bringing someone in", "one more question"),
                history.transcript().stream().map(Message::text).toList(), "the whole transcript is kept");
    }

    /**
     * Many conversations, each with a bot writing replies as fast as it can while a handoff lands at a random
     * moment: in no log does a bot reply come after the handoff.
     */
    @Test
    void no_bot_reply_ever_lands_after_a_handoff_however_they_race() throws Exception {
        int conversationsCount = 40;
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<String> ids = new ArrayList<>();
        List<Future<?>> work = new ArrayList<>();
        for (int i = 0; i < conversationsCount; i++) {
            String id = conversations.start("visitor-" + i, "en").conversation().id();
            ids.add(id);
            CountDownLatch go = new CountDownLatch(1);
            for (int writer = 0; writer < 2; writer++) {
                String turn = writer + "-";
                work.add(threads.submit(() -> {
                    go.await();
                    for (int n = 0; n < 200; n++) {
                        if (conversations.addBotMessage(id, turn + n, Author.bot("Baton"), "reply " + n, List.of(), null)
                                .status() == Status.NOT_OWNER) {
                            return null;
                        }
                    }
                    return null;
                }));
            }
            int delayMicros = ThreadLocalRandom.current().nextInt(0, 3000);
            work.add(threads.submit(() -> {
                go.await();
                TimeUnit.MICROSECONDS.sleep(delayMicros);
                return conversations.handOff(id, null, context("v"), "general", AVAILABLE, SYSTEM, "bringing someone in");
            }));
            go.countDown();
        }
        for (Future<?> future : work) {
            future.get(30, TimeUnit.SECONDS);
        }
        threads.shutdown();

        int handoffsWritten = 0;
        for (String id : ids) {
            List<LoggedEvent> log = conversations.eventsAfter(id, null);
            int handoffAt = -1;
            for (int i = 0; i < log.size(); i++) {
                if (log.get(i).event() instanceof HandedOff) {
                    handoffAt = i;
                }
            }
            assertTrue(handoffAt >= 0, "every conversation was handed off");
            handoffsWritten++;
            for (LoggedEvent later : log.subList(handoffAt + 1, log.size())) {
                assertFalse(later.event() instanceof MessageCreated created
                        && created.author().role() == Role.BOT, "a bot reply after the handoff in " + id);
            }
            assertEquals(Owner.WAITING, conversations.find(id).orElseThrow().owner());
        }
        assertEquals(conversationsCount, handoffsWritten);
    }
}
