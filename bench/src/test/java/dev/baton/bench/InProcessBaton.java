package dev.baton.bench;

import dev.baton.server.BatonApp;
import dev.baton.server.BatonConfig;
import dev.baton.store.Json;
import dev.baton.store.RedisArticleStore;
import dev.baton.store.RedisKeys;
import dev.baton.testing.FixtureArticles;
import dev.baton.testing.TestRedis;
import java.util.List;
import java.util.UUID;
import redis.clients.jedis.RedisClient;

/**
 * A Baton in the test's JVM for the fast fault tests: on a free port, on the test Redis under a namespace of its
 * own, with the fixture articles and a first admin. The process-level faults run in {@link FaultBench}.
 */
final class InProcessBaton implements AutoCloseable {
    /** Questions the fixture articles answer. */
    static final List<String> QUESTIONS = List.of("Is there a cancellation fee?", "How do customers earn points?",
            "How do I connect Shopify?");

    private final RedisClient redis = TestRedis.newClient();
    private final RedisKeys keys = TestRedis.newKeys();
    private final Target.Login admin = new Target.Login("admin@faults.example", UUID.randomUUID().toString());
    private final BatonApp app;

    InProcessBaton() {
        var articles = new RedisArticleStore(redis, keys, Json.newMapper());
        FixtureArticles.all().forEach(articles::save);
        // Every simulated customer connects from 127.0.0.1: the address's budget is sized for that crowd, the way
        // an operator sizes it for an office behind one address. Each connection keeps its own limits.
        var config = BatonConfig.defaults().withPort(0).withRedisUrl(TestRedis.url()).withDemo(false)
                .withNamespace(keys.namespace()).withAdmin(admin.email(), admin.password());
        app = BatonApp.start(config.withChatLimits(config.chatLimits().withClientsPerAddress(
                BatonProcess.CLIENTS_PER_ADDRESS)));
    }

    Target target() {
        return new Target(List.of(new Endpoint("in-process", app.port())), redis, keys, QUESTIONS, admin);
    }

    @Override
    public void close() {
        app.close();
        TestRedis.clean(redis, keys);
        redis.close();
    }
}
