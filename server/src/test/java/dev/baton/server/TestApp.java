package dev.baton.server;

import static org.awaitility.Awaitility.await;

import dev.baton.access.Passwords;
import dev.baton.conversation.ConversationService;
import dev.baton.event.LoggedEvent;
import dev.baton.kb.Article;
import dev.baton.mail.MailSettings;
import dev.baton.routing.Agent;
import dev.baton.routing.AgentRole;
import dev.baton.store.Json;
import dev.baton.store.RedisAgentStore;
import dev.baton.store.RedisArticleStore;
import dev.baton.store.RedisConversationStore;
import dev.baton.store.RedisKeys;
import dev.baton.testing.TestRedis;
import io.javalin.Javalin;
import java.lang.reflect.Field;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import redis.clients.jedis.RedisClient;

/**
 * The real Baton server for a test: on a free port, on the test Redis under a namespace of its own, with the given
 * articles as its knowledge base.
 */
final class TestApp implements AutoCloseable {
    final RedisClient redis = TestRedis.newClient();
    final RedisKeys keys;
    final BatonApp app;
    /** The first node owns the namespace and cleans it up; other nodes of it just stop. */
    private final boolean firstNode;

    TestApp(List<Article> articles) {
        this(articles, UnaryOperator.identity());
    }

    /** With the test's own changes to the configuration (the first admin, a response target...). */
    TestApp(List<Article> articles, UnaryOperator<BatonConfig> configure) {
        this(articles, configure, MailSettings.OFF);
    }

    /** Sending email as {@code mail} says (docs/email.md). */
    TestApp(List<Article> articles, UnaryOperator<BatonConfig> configure, MailSettings mail) {
        keys = TestRedis.newKeys();
        firstNode = true;
        var store = new RedisArticleStore(redis, keys, Json.newMapper());
        articles.forEach(store::save);
        app = BatonApp.start(configure.apply(BatonConfig.defaults().withPort(0).withRedisUrl(TestRedis.url())
                .withDemo(false).withNamespace(keys.namespace())), mail);
        // Answers depend on the thresholds: tests ask once the knowledge base is calibrated, as customers mostly do.
        app.awaitCalibrated();
    }

    private TestApp(RedisKeys sharedKeys, UnaryOperator<BatonConfig> configure, MailSettings mail) {
        keys = sharedKeys;
        firstNode = false;
        app = BatonApp.start(configure.apply(BatonConfig.defaults().withPort(0).withRedisUrl(TestRedis.url())
                .withDemo(false).withNamespace(keys.namespace())), mail);
        app.awaitCalibrated();
    }

    /** Another Baton node on the same Redis and namespace, as in a deployment of several. */
    TestApp anotherNode() {
        return anotherNode(UnaryOperator.identity(), MailSettings.OFF);
    }

    /** Another node, with the test's own changes to the configuration, sending email as {@code mail} says. */
    TestApp anotherNode(UnaryOperator<BatonConfig> configure, MailSettings mail) {
        return new TestApp(keys, configure, mail);
    }

    /** Adds a member of the team who logs in with {@code password}. */
    Agent addAgent(String email, String name, AgentRole role, int maxChats, String password, String... teams) {
        Agent agent = new Agent(UUID.randomUUID().toString(), email, name, null, role, List.of(teams), "UTC",
                maxChats, new Passwords().hash(password), null);
        new RedisAgentStore(redis, keys, Json.newMapper()).save(agent);
        return agent;
    }

    /** The conversations of this app, read and changed the way an agent's actions will. */
    ConversationService conversations() {
        return new ConversationService(new RedisConversationStore(redis, keys, Json.newMapper()), "test-agent",
                Clock.systemUTC());
    }

    /** Waits (up to 10 s) until the conversation's log has a matching event, and returns it. */
    LoggedEvent awaitEvent(String conversationId, Predicate<LoggedEvent> matching) {
        ConversationService conversations = conversations();
        return await("an event in " + conversationId).until(() -> conversations.eventsAfter(conversationId, null)
                .stream().filter(matching).findFirst(), Optional::isPresent).orElseThrow();
    }

    int port() {
        return app.port();
    }

    String url() {
        return app.url();
    }

    /** The app's Javalin instance, to read its router: BatonApp keeps it private. */
    Javalin javalin() {
        try {
            Field field = BatonApp.class.getDeclaredField("javalin");
            field.setAccessible(true);
            return (Javalin) field.get(app);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("BatonApp no longer has its Javalin in the field 'javalin'; update TestApp", e);
        }
    }

    @Override
    public void close() {
        app.close();
        if (firstNode) {
            TestRedis.clean(redis, keys);
        }
        redis.close();
    }
}
