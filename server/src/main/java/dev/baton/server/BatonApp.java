package dev.baton.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.bot.SupportBot;
import dev.baton.conversation.ConversationService;
import dev.baton.event.EventBus;
import dev.baton.handoff.HandoffService;
import dev.baton.kb.AnswerPolicy;
import dev.baton.store.Json;
import dev.baton.store.RedisArticleStore;
import dev.baton.store.RedisConversationStore;
import dev.baton.store.RedisEmbeddingCache;
import dev.baton.store.RedisEventFeed;
import dev.baton.store.RedisKeys;
import dev.baton.store.RedisWorkQueue;
import dev.baton.widget.ArticlePage;
import dev.baton.widget.ChatEndpoint;
import dev.baton.widget.ChatLimits;
import dev.baton.widget.ChatSessions;
import dev.baton.widget.WidgetAssets;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.RedisClient;

/**
 * The composition root: builds every part of Baton with {@code new}, wires them, declares the routes and starts
 * the server. Nothing else in Baton creates services; closing the app stops them in reverse order.
 */
public final class BatonApp implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BatonApp.class);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private Javalin javalin;
    private volatile String publicUrl;

    private BatonApp() {}

    public static BatonApp start(BatonConfig config) {
        BatonApp app = new BatonApp();
        try {
            app.wire(config);
            return app;
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
    }

    private <T extends AutoCloseable> T closeOnStop(T part) {
        started.push(part);
        return part;
    }

    private void wire(BatonConfig config) {
        String redisUrl = config.redisUrl();
        if (redisUrl == null) {
            redisUrl = closeOnStop(EmbeddedRedis.start(config.dataDir())).url();
        }
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(64);
        RedisClient redis = closeOnStop(RedisClient.builder().fromURI(URI.create(redisUrl)).poolConfig(pool).build());

        ObjectMapper json = Json.newMapper();
        RedisKeys keys = new RedisKeys(config.namespace());
        String nodeId = UUID.randomUUID().toString().substring(0, 8);

        var conversations = new ConversationService(new RedisConversationStore(redis, keys, json), nodeId,
                Clock.systemUTC());
        Answering answering = closeOnStop(new Answering(new RedisArticleStore(redis, keys, json),
                model -> new RedisEmbeddingCache(redis, keys, model)));
        var knowledgeBase = answering.knowledgeBase();
        knowledgeBase.load();
        int seeded = DemoContent.seed(knowledgeBase, config.demo(), json);
        if (seeded > 0) {
            log.info("Loaded {} demo articles into the knowledge base", seeded);
        }

        EventBus events = new EventBus();
        var answerer = answering.answerer(AnswerPolicy.DEFAULT);
        String linkBase = config.publicUrl() != null ? config.publicUrl().replaceAll("/+$", "") : null;
        var handoffs = new HandoffService(conversations, config.handoff(), Clock.systemUTC());
        var bot = closeOnStop(new SupportBot(conversations, answerer, answering.analyzer(), config.handoff(),
                handoffs, id -> publicUrl + "/kb/" + URLEncoder.encode(id, StandardCharsets.UTF_8),
                config.botName(), Math.max(2, Runtime.getRuntime().availableProcessors())));
        var chatSessions = new ChatSessions();
        events.subscribe(chatSessions);
        closeOnStop(new RedisEventFeed(redis, keys, json, events)).start();

        var chat = new ChatEndpoint(conversations, handoffs, chatSessions, json, ChatLimits.DEFAULTS);
        var articlePage = new ArticlePage(knowledgeBase);
        var health = new HealthCheck(redis, knowledgeBase);

        javalin = Javalin.create(app -> {
            app.startup.showJavalinBanner = false;
            app.jsonMapper(new JavalinJackson(json, false));
            app.jetty.modifyWebSocketServletFactory(ws -> {
                ws.setMaxTextMessageSize(64 * 1024);
                ws.setIdleTimeout(Duration.ofMinutes(2));
            });
            app.staticFiles.add(WidgetAssets::configure);
            app.staticFiles.add("/demo/site", Location.CLASSPATH);

            app.routes.get("/health", health::handle);
            app.routes.get("/kb/{id}", articlePage::render);
            app.routes.ws("/ws/chat", chat::configure);
        });
        closeOnStop(javalin::stop);
        javalin.start(config.port());
        publicUrl = linkBase != null ? linkBase : "http://localhost:" + port();
        // The bot starts last: its first turns may be ones left pending by a previous run, and need the address.
        closeOnStop(new RedisWorkQueue(redis, keys, json, "bot", nodeId, bot)).start();
    }

    public int port() {
        return javalin.port();
    }

    /** The address customers and agents use; article links start with it. */
    public String url() {
        return publicUrl;
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                log.warn("Failed to stop a part of Baton cleanly", e);
            }
        }
    }
}
