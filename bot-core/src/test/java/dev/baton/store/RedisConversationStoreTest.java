package dev.baton.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.conversation.AppendResult.Status;
import dev.baton.conversation.Author;
import dev.baton.conversation.Conversation;
import dev.baton.conversation.ConversationWrite;
import dev.baton.conversation.Customer;
import dev.baton.conversation.Owner;
import dev.baton.conversation.Transition;
import dev.baton.event.MessageCreated;
import dev.baton.testing.TestRedis;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

class RedisConversationStoreTest {
    private final RedisClient redis = TestRedis.newClient();
    private final RedisKeys keys = TestRedis.newKeys();
    private final RedisConversationStore store = new RedisConversationStore(redis, keys, Json.newMapper());

    @AfterEach
    void cleanUp() {
        TestRedis.clean(redis, keys);
        redis.close();
    }

    private String newConversation() {
        String id = UUID.randomUUID().toString();
        store.create(new Conversation(id, "visitor-1", Owner.BOT, 1_000L, "en", null), "hash", Duration.ofHours(1));
        return id;
    }

    private static MessageCreated customerSays(String conversationId, String text) {
        return new MessageCreated(conversationId, Author.customer(), text, List.of(), null, null);
    }

    @Test
    void created_conversation_is_found_with_its_fields() {
        String id = newConversation();

        Conversation found = store.find(id).orElseThrow();

        assertEquals(new Conversation(id, "visitor-1", Owner.BOT, 1_000L, "en", null), found);
        assertEquals("hash", store.resumeTokenHash(id).orElseThrow());
    }

    @Test
    void appended_events_come_back_in_order_after_a_given_seq() {
        String id = newConversation();
        String first = store.write(ConversationWrite.of(id, customerSays(id, "one")), "node-a").seq();
        String second = store.write(ConversationWrite.of(id, customerSays(id, "two")), "node-a").seq();
        String third = store.write(ConversationWrite.of(id, customerSays(id, "three")), "node-b").seq();

        var all = store.eventsAfter(id, null);
        var afterFirst = store.eventsAfter(id, first);

        assertEquals(List.of(first, second, third), all.stream().map(e -> e.seq()).toList());
        assertEquals(List.of("two", "three"),
                afterFirst.stream().map(e -> ((MessageCreated) e.event()).text()).toList());
        assertEquals("node-b", all.get(2).origin());
        assertEquals(third, store.find(id).orElseThrow().lastSeq());
    }

    @Test
    void a_write_no_replica_confirmed_is_refused_but_kept_so_that_its_resend_is_not_stored_twice() {
        // The test Redis has no replicas: WAIT 1 answers 0 when its timeout is over. (Whether a resend's WAIT covers
        // the first write needs a replica that lags: SentinelFailoverTest.)
        var waitingForAReplica = new RedisConversationStore(redis, keys, Json.newMapper(),
                new Replication(1, Duration.ofMillis(50)));
        String id = newConversation();
        var write = ConversationWrite.of(id, customerSays(id, "hello")).once("client-1");

        assertThrows(NotReplicatedException.class, () -> waitingForAReplica.write(write, "node-a"));

        assertEquals(List.of("hello"),
                store.eventsAfter(id, null).stream().map(e -> ((MessageCreated) e.event()).text()).toList());
        assertEquals(Status.DUPLICATE, store.write(write, "node-a").status());
    }

    @Test
    void a_resent_client_message_id_is_stored_once_and_answers_the_first_seq() {
        String id = newConversation();
        var message = customerSays(id, "hello");

        var first = store.write(ConversationWrite.of(id, message).once("client-1"), "node-a");
        var again = store.write(ConversationWrite.of(id, message).once("client-1"), "node-a");

        assertEquals(Status.APPENDED, first.status());
        assertEquals(Status.DUPLICATE, again.status());
        assertEquals(first.seq(), again.seq());
        assertEquals(1, store.eventsAfter(id, null).size());
    }

    @Test
    void a_write_that_requires_another_owner_writes_nothing_and_says_who_owns_it() {
        String id = newConversation();
        redis.hset(keys.conversation(id), "owner", Owner.AGENT.wireName());

        var result = store.write(ConversationWrite.of(id, customerSays(id, "bot reply")).onlyIfOwner(Owner.BOT),
                "node-a");

        assertEquals(Status.NOT_OWNER, result.status());
        assertEquals(Owner.AGENT, result.currentOwner());
        assertTrue(store.eventsAfter(id, null).isEmpty());
    }

    @Test
    void a_transition_moves_the_owner_sets_fields_and_appends_its_events_at_once() {
        String id = newConversation();

        var result = store.write(ConversationWrite.of(id, customerSays(id, "one"), customerSays(id, "two"))
                .through(Transition.HAND_OFF).setting("priority", "high"), "node-a");
        var again = store.write(ConversationWrite.of(id, customerSays(id, "three")).through(Transition.HAND_OFF),
                "node-a");

        assertEquals(2, result.seqs().size());
        assertEquals(Owner.WAITING, store.find(id).orElseThrow().owner());
        assertEquals("high", redis.hget(keys.conversation(id), "priority"));
        assertEquals(Status.NOT_OWNER, again.status(), "a handoff only starts from the bot");
        assertEquals(2, store.eventsAfter(id, null).size());
        assertEquals(result.seqs().get(1), store.find(id).orElseThrow().lastSeq());
    }

    @Test
    void appending_to_an_unknown_conversation_is_refused() {
        var result = store.write(ConversationWrite.of("no-such-id", customerSays("no-such-id", "hi")), "node-a");

        assertEquals(Status.NO_CONVERSATION, result.status());
        assertEquals(0, redis.exists(keys.conversationLog("no-such-id")) ? 1 : 0);
    }

    @Test
    void an_empty_conversation_expires_but_the_first_event_keeps_it() {
        String id = newConversation();
        assertTrue(redis.ttl(keys.conversation(id)) > 0);

        store.write(ConversationWrite.of(id, customerSays(id, "hi")), "node-a");
        store.keepAlive(id, Duration.ofHours(1));

        assertEquals(-1, redis.ttl(keys.conversation(id)));
    }

    @Test
    void long_logs_are_read_in_full_across_pages() {
        String id = newConversation();
        for (int i = 0; i < 2_345; i++) {
            store.write(ConversationWrite.of(id, customerSays(id, "message " + i)), "node-a");
        }

        var events = store.eventsAfter(id, null);

        assertEquals(2_345, events.size());
        assertEquals("message 2344", ((MessageCreated) events.get(2_344).event()).text());
    }

    @Test
    void the_script_is_loaded_again_after_redis_forgets_it() {
        String id = newConversation();
        store.write(ConversationWrite.of(id, customerSays(id, "before")), "node-a");

        redis.scriptFlush();
        var after = store.write(ConversationWrite.of(id, customerSays(id, "after")), "node-a");

        assertEquals(Status.APPENDED, after.status());
        assertEquals(2, store.eventsAfter(id, null).size());
    }

    @Test
    void a_new_identity_replaces_the_old_one_whole() {
        String id = newConversation();
        // With an event: only conversations with events are in a user's history (an empty one expires unseen).
        store.write(ConversationWrite.of(id, customerSays(id, "hello")), "node-a");
        store.identify(id, new Customer("visitor-1", false, "u-1", "Stated Name", "stated@example.com", "Pro",
                Map.of("company", "Acme"), "en"));

        store.identify(id, new Customer("visitor-1", true, "u-1", null, null, null, Map.of(), "en"));

        Customer now = store.find(id).orElseThrow().customer();
        assertTrue(now.verified());
        assertEquals(null, now.name(), "a name the page stated does not pass for a verified one");
        assertEquals(null, now.email());
        assertEquals(null, now.plan());
        assertTrue(now.attributes().isEmpty());
        assertEquals(List.of(id), store.ofUser("u-1", 10).stream().map(Conversation::id).toList());
    }
}
