package dev.baton.bench;

import dev.baton.conversation.ConversationStore;
import dev.baton.store.Json;
import dev.baton.store.RedisConversationStore;
import dev.baton.store.RedisKeys;
import java.time.Duration;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * A running Baton as a fault run needs it, in a process of its own or in the test's JVM: where customers connect,
 * the Redis and key namespace it stores into (read only to audit), questions its knowledge base answers, and an
 * admin's login.
 */
record Target(List<Endpoint> servers, UnifiedJedis redis, RedisKeys keys, List<String> questions, Login admin) {

    /** An agent's email and password. */
    record Login(String email, String password) {}

    Target {
        servers = List.copyOf(servers);
        questions = List.copyOf(questions);
    }

    Endpoint first() {
        return servers.get(0);
    }

    /** Baton's consumer group of bot turns on the feed (see BatonApp). */
    static final String BOT_GROUP = "bot";

    ConversationStore conversations() {
        return new RedisConversationStore(redis, keys, Json.newMapper());
    }

    /** Waits until every bot turn taken has been finished (claimed from dead nodes and done, if need be). */
    void awaitBotIdle(Duration limit) {
        awaitBotIdle(redis, keys, limit);
    }

    static void awaitBotIdle(UnifiedJedis redis, RedisKeys keys, Duration limit) {
        Waiting.until(limit, "the bot to finish every turn taken", () -> {
            try {
                return redis.xpending(keys.feed(), BOT_GROUP).getTotal() == 0;
            } catch (JedisDataException noGroupYet) {
                return false;
            }
        });
    }
}
