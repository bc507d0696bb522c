package dev.baton.server;

import dev.baton.conversation.ConversationService;
import dev.baton.kb.Article;
import dev.baton.store.Json;
import dev.baton.store.RedisArticleStore;
import dev.baton.store.RedisConversationStore;
import dev.baton.store.RedisKeys;
import dev.baton.testing.TestRedis;
import java.time.Clock;
import java.util.List;
import redis.clients.jedis.RedisClient;

/**
 * The real Baton server for a test: on a free port, on the test Redis under a namespace of its own, with the given
 * articles as its knowledge base.
 */
final class TestApp implements AutoCloseable {
    final RedisClient redis = TestRedis.newClient();
    final RedisKeys keys = TestRedis.newKeys();
    final BatonApp app;

    TestApp(List<Article> articles) {
        var store = new RedisArticleStore(redis, keys, Json.newMapper());
        articles.forEach(store::save);
        app = BatonApp.start(BatonConfig.defaults().withPort(0).withRedisUrl(TestRedis.url()).withDemo(false)
                .withNamespace(keys.namespace()));
    }

    /** The conversations of this app, read and changed the way an agent's actions will. */
    ConversationService conversations() {
        return new ConversationService(new RedisConversationStore(redis, keys, Json.newMapper()), "test-agent",
                Clock.systemUTC());
    }

    int port() {
        return app.port();
    }

    String url() {
        return app.url();
    }

    @Override
    public void close() {
        app.close();
        TestRedis.clean(redis, keys);
        redis.close();
    }
}
