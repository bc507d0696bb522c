package dev.baton.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.conversation.AppendResult.Status;
import dev.baton.event.MessageCreated;
import dev.baton.store.Json;
import dev.baton.store.RedisConversationStore;
import dev.baton.store.RedisKeys;
import dev.baton.testing.TestRedis;
import java.time.Clock;
import java.util.List;
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
        var answered = conversations.addBotMessage(id, Author.bot("Baton"), "You earn 1 point per dollar.",
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

        var reply = conversations.addBotMessage(id, Author.bot("Baton"), "late answer", List.of(), null);
        var customer = conversations.addCustomerMessage(id, "c-2", "still there?");

        assertEquals(Status.NOT_OWNER, reply.status());
        assertEquals(Status.APPENDED, customer.status());
        assertEquals(1, conversations.eventsAfter(id, null).size());
    }
}
