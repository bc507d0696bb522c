package dev.baton.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.kb.Article;
import dev.baton.kb.ArticleStore;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/** Articles in Redis: one hash from article id to the article's JSON. */
public final class RedisArticleStore implements ArticleStore {
    private final UnifiedJedis redis;
    private final RedisKeys keys;
    private final ObjectMapper json;

    public RedisArticleStore(UnifiedJedis redis, RedisKeys keys, ObjectMapper json) {
        this.redis = redis;
        this.keys = keys;
        this.json = json;
    }

    @Override
    public List<Article> all() {
        return redis.hgetAll(keys.articles()).values().stream()
                .map(this::read)
                .sorted(Comparator.comparing(Article::id))
                .toList();
    }

    @Override
    public Optional<Article> find(String id) {
        return Optional.ofNullable(redis.hget(keys.articles(), id)).map(this::read);
    }

    @Override
    public void save(Article article) {
        try {
            redis.hset(keys.articles(), article.id(), json.writeValueAsString(article));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean delete(String id) {
        return redis.hdel(keys.articles(), id) > 0;
    }


    private Article read(String value) {
        try {
            return json.readValue(value, Article.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
