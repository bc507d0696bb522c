package dev.baton.store;

import dev.baton.kpi.ArticleOpens;
import dev.baton.kpi.Kpis;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.UnifiedJedis;

/** {@link ArticleOpens} in Redis: one hash of counts per UTC day, and the titles the articles had when opened. */
public final class RedisArticleOpens implements ArticleOpens {
    private final UnifiedJedis redis;
    private final RedisKeys keys;

    public RedisArticleOpens(UnifiedJedis redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    @Override
    public void record(String articleId, String title, Instant at) {
        redis.hincrBy(keys.articleOpens(LocalDate.ofInstant(at, ZoneOffset.UTC)), articleId, 1);
        redis.hset(keys.articleOpenTitles(), articleId, title);
    }

    @Override
    public List<Kpis.ArticleOpened> between(LocalDate from, LocalDate to) {
        Map<String, Integer> counts = new HashMap<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            redis.hgetAll(keys.articleOpens(day)).forEach((id, count) -> counts.merge(id, Integer.parseInt(count),
                    Integer::sum));
        }
        if (counts.isEmpty()) {
            return List.of();
        }
        Map<String, String> titles = redis.hgetAll(keys.articleOpenTitles());
        List<Kpis.ArticleOpened> opened = new ArrayList<>();
        counts.forEach((id, count) -> opened.add(new Kpis.ArticleOpened(id, titles.getOrDefault(id, id), count)));
        opened.sort(Comparator.comparingInt(Kpis.ArticleOpened::opens).reversed()
                .thenComparing(Kpis.ArticleOpened::articleId));
        return opened;
    }
}
