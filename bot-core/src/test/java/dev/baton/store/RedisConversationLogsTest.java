package dev.baton.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.baton.conversation.Author;
import dev.baton.conversation.Conversation;
import dev.baton.conversation.ConversationWrite;
import dev.baton.conversation.Owner;
import dev.baton.event.LoggedEvent;
import dev.baton.event.MessageCreated;
import dev.baton.testing.TestRedis;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/** The KPIs' way into Redis: conversations by creation time, with their logs. */
class RedisConversationLogsTest {
    private final RedisClient redis = TestRedis.newClient();
    private final RedisKeys keys = TestRedis.newKeys();
    private final RedisConversationStore store = new RedisConversationStore(redis, keys, Json.newMapper());
    private final RedisConversationLogs logs = new RedisConversationLogs(redis, keys, store);

    @AfterEach
    void cleanUp() {
        TestRedis.clean(redis, keys);
        redis.close();
    }

    /** A conversation created at {@code createdAt} with one customer message. */
    private String conversation(String id, long createdAt) {
        store.create(new Conversation(id, "visitor-" + id, Owner.BOT, createdAt, "en", null), "hash",
                Duration.ofHours(1));
        store.write(ConversationWrite.of(id, new MessageCreated(id, Author.customer(), "hi " + id, List.of(), null,
                null)), "node-a");
        return id;
    }

    private List<String> idsBetween(long from, long to) {
        return logs.openedBetween(Instant.ofEpochMilli(from), Instant.ofEpochMilli(to)).stream()
                .map(log -> log.get(0).conversationId()).toList();
    }

    @Test
    void conversations_are_found_by_creation_time_with_their_whole_log() {
        conversation("early", 1_000L);
        conversation("inside", 2_000L);
        conversation("edge", 3_000L);
        store.create(new Conversation("empty", "visitor-e", Owner.BOT, 2_500L, "en", null), "hash",
                Duration.ofHours(1));

        List<List<LoggedEvent>> found = logs.openedBetween(Instant.ofEpochMilli(2_000L), Instant.ofEpochMilli(3_000L));

        assertEquals(List.of("inside"), found.stream().map(log -> log.get(0).conversationId()).toList(),
                "[from, to): the empty one has no log, 'edge' starts at the end");
        assertEquals("hi inside", ((MessageCreated) found.get(0).get(0).event()).text());
    }

    @Test
    void conversations_stored_before_the_index_are_added_to_it_once() {
        conversation("old", 1_000L);
        conversation("new", 2_000L);
        redis.zrem(keys.conversationsByCreation(), "old"); // as if stored by a version without the index

        assertEquals(List.of("new"), idsBetween(0, 10_000));
        assertEquals(1, logs.indexExisting());
        assertEquals(0, logs.indexExisting(), "nothing is missing any more");
        assertEquals(List.of("old", "new"), idsBetween(0, 10_000));
    }
}
