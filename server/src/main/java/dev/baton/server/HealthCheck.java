package dev.baton.server;

import dev.baton.kb.KnowledgeBase;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import redis.clients.jedis.UnifiedJedis;

/**
 * {@code GET /health}: whether Redis answers and each background part of this node still works (the feed reader,
 * the work queues, the assigner, the webhook dispatcher...): 200 when all are up, 503 naming those down, JSON both
 * times. Cheap (one Redis PING, the rest is read from memory) and open to anyone, so it says only part names and
 * up or down: no hosts, keys or errors.
 */
final class HealthCheck {
    private final UnifiedJedis redis;
    private final KnowledgeBase knowledgeBase;
    /** Added while the app is wired, some after the server started answering: hence a concurrent list. */
    private final List<Part> parts = new CopyOnWriteArrayList<>();

    private record Part(String name, BooleanSupplier alive) {}

    HealthCheck(UnifiedJedis redis, KnowledgeBase knowledgeBase) {
        this.redis = redis;
        this.knowledgeBase = knowledgeBase;
        parts.add(new Part("redis", this::redisAnswers));
    }

    /** Adds a part to report, under a name for operators ("eventFeed"); {@code alive} must be cheap and not throw. */
    void watch(String name, BooleanSupplier alive) {
        parts.add(new Part(name, alive));
    }

    void handle(Context ctx) {
        Map<String, String> states = new LinkedHashMap<>();
        List<String> down = new ArrayList<>();
        for (Part part : parts) {
            boolean up = part.alive().getAsBoolean();
            states.put(part.name(), up ? "up" : "down");
            if (!up) {
                down.add(part.name());
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", down.isEmpty() ? "ok" : "unavailable");
        body.put("down", down);
        body.put("parts", states);
        body.put("articles", knowledgeBase.size());
        ctx.header("Cache-Control", "no-store");
        ctx.status(down.isEmpty() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(body);
    }

    private boolean redisAnswers() {
        try {
            return "PONG".equals(redis.ping());
        } catch (RuntimeException e) {
            return false;
        }
    }
}
