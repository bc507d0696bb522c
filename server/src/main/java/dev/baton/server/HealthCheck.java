package dev.baton.server;

import dev.baton.kb.KnowledgeBase;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import redis.clients.jedis.UnifiedJedis;

/** {@code GET /health}: 200 when Redis answers and the knowledge base is loaded, 503 otherwise, with the details. */
final class HealthCheck {
    private final UnifiedJedis redis;
    private final KnowledgeBase knowledgeBase;

    HealthCheck(UnifiedJedis redis, KnowledgeBase knowledgeBase) {
        this.redis = redis;
        this.knowledgeBase = knowledgeBase;
    }

    void handle(Context ctx) {
        boolean redisUp = redisAnswers();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", redisUp ? "ok" : "unavailable");
        body.put("redis", redisUp ? "up" : "down");
        body.put("articles", knowledgeBase.size());
        ctx.status(redisUp ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(body);
    }

    private boolean redisAnswers() {
        try {
            return "PONG".equals(redis.ping());
        } catch (RuntimeException e) {
            return false;
        }
    }
}
