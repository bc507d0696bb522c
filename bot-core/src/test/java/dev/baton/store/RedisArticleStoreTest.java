package dev.baton.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.kb.Article;
import dev.baton.testing.TestRedis;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

class RedisArticleStoreTest {
    private final RedisClient redis = TestRedis.newClient();
    private final RedisKeys keys = TestRedis.newKeys();
    private final RedisArticleStore store = new RedisArticleStore(redis, keys, Json.newMapper());

    @AfterEach
    void cleanUp() {
        TestRedis.clean(redis, keys);
        redis.close();
    }

    @Test
    void saved_articles_round_trip_with_every_field() {
        var article = new Article("points", "Earning points", "# Points\nYou earn **1 point** per $1.",
                List.of("points"), "en", List.of("how do I earn points?"));
        var japanese = new Article("ja-points", "ポイント", "1ドルごとに1ポイント。", List.of(), "ja", List.of("ポイントは？"));
        assertTrue(store.all().isEmpty());

        store.save(article);
        store.save(japanese);

        assertEquals(article, store.find("points").orElseThrow());
        assertEquals(List.of(japanese, article), store.all());
    }

    @Test
    void deleted_articles_are_gone() {
        store.save(new Article("a", "A", "body", null, null, null));

        assertTrue(store.delete("a"));
        assertFalse(store.delete("a"));
        assertTrue(store.find("a").isEmpty());
    }
}
