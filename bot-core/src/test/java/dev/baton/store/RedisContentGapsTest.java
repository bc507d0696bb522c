package dev.baton.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.baton.kb.ContentGaps.Gap;
import dev.baton.testing.TestRedis;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/** The questions the bot failed, kept once each: a turn run twice (after a node died) is one gap, not two. */
class RedisContentGapsTest {
    private final RedisClient redis = TestRedis.newClient();
    private final RedisKeys keys = TestRedis.newKeys();
    private final RedisContentGaps gaps = new RedisContentGaps(redis, keys, Json.newMapper());

    @AfterEach
    void cleanUp() {
        TestRedis.clean(redis, keys);
        redis.close();
    }

    @Test
    void the_same_turn_recorded_twice_is_one_gap_and_other_turns_are_kept_newest_first() {
        var first = new Gap("Do you sell hamsters?", "en", "not_sure", "c1", 1_000);
        gaps.record(first);
        gaps.record(first);
        var notHelpful = new Gap("Do you sell hamsters?", "en", "not_helpful", "c1", 1_000);
        gaps.record(notHelpful);
        var later = new Gap("Do you sell hamsters?", "en", "not_sure", "c2", 1_000);
        gaps.record(later);

        assertEquals(List.of(later, notHelpful, first), gaps.latest(10));
    }
}
