package dev.baton.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.testing.TestRedis;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/** Work due at a time, leased to one taker: added once per id, and never a body without a due date. */
class RedisDueQueueTest {
    private final RedisClient redis = TestRedis.newClient();
    private final RedisKeys keys = TestRedis.newKeys();
    private final String bodies = keys.namespace() + ":work:pending";
    private final String due = keys.namespace() + ":work:due";
    private final RedisDueQueue queue = new RedisDueQueue(redis, bodies, due);

    @AfterEach
    void cleanUp() {
        TestRedis.clean(redis, keys);
        redis.close();
    }

    @Test
    void work_of_a_pending_id_is_added_once_and_keeps_its_body_and_time() {
        assertTrue(queue.addIfAbsent("w1", "first", 1_000));
        assertFalse(queue.addIfAbsent("w1", "second", 5_000));

        assertEquals(Map.of(), queue.takeDue(999, Duration.ofSeconds(60), 10), "not due before its time");
        assertEquals(Map.of("w1", "first"), queue.takeDue(1_000, Duration.ofSeconds(60), 10));
    }

    @Test
    void a_body_left_without_a_due_date_by_an_interrupted_add_is_due_again_at_the_next_add() {
        // What the two separate commands of older versions left when a node died between them: the body, no date.
        redis.hset(bodies, "replies:c1", "left behind");

        assertFalse(queue.addIfAbsent("replies:c1", "new", 2_000), "the pending body is kept");
        assertEquals(Map.of("replies:c1", "left behind"), queue.takeDue(2_000, Duration.ofSeconds(60), 10),
                "due, not blocked for good");
    }
}
