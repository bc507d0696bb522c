package dev.baton.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.kb.ArticleVersion;
import dev.baton.kb.ArticleVersions;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import redis.clients.jedis.UnifiedJedis;

/**
 * Article histories in Redis: a list per article, oldest first. A version's number is its position in the list
 * (RPUSH answers it), so two admins saving at once get two versions, never one number twice.
 */
public final class RedisArticleVersions implements ArticleVersions {
    private final UnifiedJedis redis;
    private final RedisKeys keys;
    private final ObjectMapper json;

    public RedisArticleVersions(UnifiedJedis redis, RedisKeys keys, ObjectMapper json) {
        this.redis = redis;
        this.keys = keys;
        this.json = json;
    }

    @Override
    public ArticleVersion append(ArticleVersion version) {
        String id = version.article().id();
        long number = redis.rpush(keys.articleVersions(id), write(version));
        redis.sadd(keys.versionedArticles(), id);
        return version.numbered((int) number);
    }

    @Override
    public List<ArticleVersion> all(String articleId) {
        List<String> stored = redis.lrange(keys.articleVersions(articleId), 0, -1);
        return IntStream.range(0, stored.size()).mapToObj(i -> read(stored.get(i), i + 1)).toList();
    }

    @Override
    public Optional<ArticleVersion> latest(String articleId) {
        int count = count(articleId);
        return count == 0 ? Optional.empty() : version(articleId, count);
    }

    @Override
    public int count(String articleId) {
        return (int) redis.llen(keys.articleVersions(articleId));
    }

    @Override
    public Optional<ArticleVersion> version(String articleId, int version) {
        if (version < 1) {
            return Optional.empty();
        }
        return Optional.ofNullable(redis.lindex(keys.articleVersions(articleId), version - 1L))
                .map(value -> read(value, version));
    }

    @Override
    public Set<String> articleIds() {
        return redis.smembers(keys.versionedArticles());
    }

    private String write(ArticleVersion version) {
        try {
            return json.writeValueAsString(version);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ArticleVersion read(String value, int number) {
        try {
            return json.readValue(value, ArticleVersion.class).numbered(number);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
