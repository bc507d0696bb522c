package dev.baton.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.baton.conversation.Author;
import dev.baton.conversation.Conversation;
import dev.baton.conversation.ConversationWrite;
import dev.baton.conversation.Owner;
import dev.baton.event.MessageCreated;
import dev.baton.server.ops.Observability;
import dev.baton.store.Json;
import dev.baton.store.NotReplicatedException;
import dev.baton.store.RedisConversationStore;
import dev.baton.store.RedisKeys;
import dev.baton.store.Replication;
import dev.baton.testing.TestRedis;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * {@code baton_redis_command_errors_total} on the server's own Redis client, against a real Redis: the commands that
 * go down a pipeline or a transaction (which Jedis sends past the command executor) are counted like single ones.
 */
class RedisCommandErrorsTest {
    private final Observability metrics = new Observability();
    private final UnifiedJedis redis = RedisAddress.parse(TestRedis.url())
            .connect(new ConnectionPoolConfig(), metrics.redisErrors(), TestRedis.newKeys());
    private final RedisKeys keys = TestRedis.newKeys();
    private final String text = "test-errors:" + UUID.randomUUID();

    @AfterEach
    void close() {
        redis.del(text);
        redis.close();
        try (RedisClient cleaner = TestRedis.newClient()) {
            TestRedis.clean(cleaner, keys);
        }
        metrics.close();
    }

    private double errors(String command, String error) {
        Counter counter = metrics.registry().find("baton.redis.command.errors").tag("command", command)
                .tag("error", error).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void an_error_reply_in_a_pipeline_is_counted_whether_its_reply_is_read_or_not() {
        redis.set(text, "not a number");
        Response<Long> read;
        try (var pipeline = redis.pipelined()) {
            read = pipeline.incr(text);
            pipeline.incr(text); // its reply is never read
            pipeline.get(text);
            pipeline.sync();
        }
        assertThrows(JedisDataException.class, read::get);
        assertEquals(2, errors("incr", "JedisDataException"));
        assertEquals(0, errors("get", "JedisDataException"), "a command that succeeds is not counted");

        assertThrows(JedisDataException.class, () -> redis.incr(text));
        assertEquals(3, errors("incr", "JedisDataException"), "a single command is counted once, as before");
    }

    @Test
    void an_error_reply_in_a_transaction_is_counted() {
        redis.set(text, "not a number");
        List<Object> replies;
        try (var tx = redis.multi()) {
            tx.incr(text);
            tx.get(text);
            replies = tx.exec();
        }
        assertInstanceOf(JedisDataException.class, replies.get(0));
        assertEquals(1, errors("incr", "JedisDataException"));
    }

    /** The write that waits for a replica sends EVALSHA and WAIT down one pipeline (how a Sentinel node writes). */
    @Test
    void an_evalsha_that_waits_for_a_replica_is_counted_when_redis_has_forgotten_the_script() {
        var store = new RedisConversationStore(redis, keys, Json.newMapper(),
                new Replication(1, Duration.ofMillis(20)));
        String id = UUID.randomUUID().toString();
        store.create(new Conversation(id, "visitor-1", Owner.BOT, 1_000L, "en", null), "hash", Duration.ofMinutes(5));
        var hello = new MessageCreated(id, Author.customer(), "hello", List.of(), null, null);
        // The test Redis has no replica, so each write is refused after its WAIT; the first one loads the script.
        assertThrows(NotReplicatedException.class, () -> store.write(ConversationWrite.of(id, hello), "node-a"));
        redis.scriptFlush();
        double before = errors("evalsha", "JedisNoScriptException");

        assertThrows(NotReplicatedException.class, () -> store.write(ConversationWrite.of(id, hello), "node-a"));

        assertEquals(before + 1, errors("evalsha", "JedisNoScriptException"),
                "the pipelined EVALSHA's NOSCRIPT reply (the script is loaded again and the write sent again)");
    }
}
