package dev.baton.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.access.AgentAccess;
import dev.baton.access.Passwords;
import dev.baton.bot.ExampleLearner;
import dev.baton.bot.SupportBot;
import dev.baton.console.Access;
import dev.baton.console.AccessGuard;
import dev.baton.console.AgentEndpoint;
import dev.baton.console.AgentSessions;
import dev.baton.console.ApiError;
import dev.baton.console.AuthController;
import dev.baton.console.Clients;
import dev.baton.console.ConsoleOrigins;
import dev.baton.console.ConsoleAssets;
import dev.baton.console.CalibrationController;
import dev.baton.console.ConversationsController;
import dev.baton.console.DraftsController;
import dev.baton.console.ProposalsController;
import dev.baton.console.KnowledgeBaseController;
import dev.baton.console.KpiAssets;
import dev.baton.console.KpiController;
import dev.baton.console.MailController;
import dev.baton.console.OpenApiDocument;
import dev.baton.console.SecurityHeaders;
import dev.baton.console.SessionWatch;
import dev.baton.console.TeamController;
import dev.baton.console.Views;
import dev.baton.console.WebhookController;
import dev.baton.conversation.ConversationService;
import dev.baton.conversation.CustomerPresence;
import dev.baton.conversation.Role;
import dev.baton.event.AgentJoined;
import dev.baton.event.EventBus;
import dev.baton.event.HandedOff;
import dev.baton.event.MessageCreated;
import dev.baton.event.Resolved;
import dev.baton.event.ReturnedToBot;
import dev.baton.event.Signal;
import dev.baton.event.Transferred;
import dev.baton.handoff.HandoffService;
import dev.baton.handoff.SummaryWriter;
import dev.baton.inbox.AgentActions;
import dev.baton.kb.KbCalibrations;
import dev.baton.kb.ArticleEditor;
import dev.baton.kb.ArticleLinks;
import dev.baton.kpi.KpiRange;
import dev.baton.kpi.KpiService;
import dev.baton.llm.AnswerWriter;
import dev.baton.llm.ModelAnswers;
import dev.baton.llm.ModelClient;
import dev.baton.llm.ModelDrafts;
import dev.baton.llm.ModelSummaries;
import dev.baton.mail.InboundMailService;
import dev.baton.mail.MailDispatcher;
import dev.baton.mail.MailSettings;
import dev.baton.mail.MailTokens;
import dev.baton.routing.Assigner;
import dev.baton.routing.Routing;
import dev.baton.server.ops.MetricsEndpoint;
import dev.baton.server.ops.Observability;
import dev.baton.store.Json;
import dev.baton.store.RedisAgentStore;
import dev.baton.store.RedisArticleOpens;
import dev.baton.store.RedisArticleStore;
import dev.baton.store.RedisArticleVersions;
import dev.baton.store.RedisCannedReplies;
import dev.baton.store.RedisCalibrationStore;
import dev.baton.store.RedisContentGaps;
import dev.baton.store.RedisExampleProposals;
import dev.baton.store.RedisConversationLogs;
import dev.baton.store.RedisConversationStore;
import dev.baton.store.RedisCustomerPresence;
import dev.baton.store.RedisEmbeddingCache;
import dev.baton.store.RedisEventFeed;
import dev.baton.store.RedisInbox;
import dev.baton.store.RedisKeys;
import dev.baton.store.RedisLoginThrottle;
import dev.baton.store.RedisMailOutbox;
import dev.baton.store.RedisSignatureTokens;
import dev.baton.store.RedisPresence;
import dev.baton.store.RedisRecentQuestions;
import dev.baton.store.RedisRoutingStore;
import dev.baton.store.RedisSessionStore;
import dev.baton.store.RedisSignals;
import dev.baton.store.RedisWebhookStore;
import dev.baton.store.RedisWorkQueue;
import dev.baton.webhook.WebhookDispatcher;
import dev.baton.webhook.WebhookTargets;
import dev.baton.widget.ArticlePage;
import dev.baton.widget.ChatEndpoint;
import dev.baton.widget.ChatSessions;
import dev.baton.widget.HelpCenter;
import dev.baton.widget.IdentityTokens;
import dev.baton.widget.InboundMailEndpoint;
import dev.baton.widget.OriginPolicy;
import dev.baton.widget.PresenceReports;
import dev.baton.widget.RatingPage;
import dev.baton.widget.WidgetAssets;
import io.javalin.Javalin;
import io.javalin.http.Handler;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.UnifiedJedis;

/**
 * The composition root: builds every part of Baton with {@code new}, wires them, declares the routes and starts
 * the server. Nothing else in Baton creates services; closing the app stops them in reverse order.
 */
public final class BatonApp implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BatonApp.class);
    /** How many customer messages a node takes per bot thread before leaving the next ones in Redis. */
    private static final int BOT_TURNS_PER_THREAD = 8;
    /** Bot threads per core (docs/benchmarks.md: 2 per core gave 16.6 answers/s, 8 per core 30.2, same load). */
    private static final int BOT_THREADS_PER_CORE = 8;
    /** How many events a node prepares webhook deliveries for at a time. */
    private static final int WEBHOOK_EVENTS_HELD = 64;
    /** A reader that has not finished a round in this long (a round takes a second at most) is reported down. */
    private static final Duration STALLED = Duration.ofSeconds(15);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private Javalin javalin;
    private volatile String publicUrl;
    private List<DemoLogin> demoLogins = List.of();
    private KbCalibrations calibrations;

    private BatonApp() {}

    public static BatonApp start(BatonConfig config) {
        return start(config, MailSettings.OFF);
    }

    /** With email to customers who left (docs/email.md). */
    public static BatonApp start(BatonConfig config, MailSettings mail) {
        BatonApp app = new BatonApp();
        try {
            app.wire(config, mail);
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

    private void wire(BatonConfig config, MailSettings mail) {
        String redisUrl = config.redisUrl();
        if (redisUrl == null) {
            redisUrl = closeOnStop(EmbeddedRedis.start(config.dataDir())).url();
        }
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(64);
        Observability metrics = closeOnStop(new Observability());
        RedisAddress address = RedisAddress.parse(redisUrl);
        RedisKeys keys = address.keys(config.namespace());
        UnifiedJedis redis = closeOnStop(address.connect(pool, metrics.redisErrors(), keys));

        ObjectMapper json = Json.newMapper();
        String nodeId = UUID.randomUUID().toString().substring(0, 8);
        Clock clock = Clock.systemUTC();

        // Conversations and the knowledge base
        var conversationStore = new RedisConversationStore(redis, keys, json, address.replication());
        var conversations = new ConversationService(conversationStore, nodeId, clock,
                config.chatLimits().conversationEventsPerMinute());
        Answering answering = closeOnStop(new Answering(new RedisArticleStore(redis, keys, json),
                model -> new RedisEmbeddingCache(redis, keys, model), metrics::timedQuestions,
                metrics.questionWaits()));
        var knowledgeBase = answering.knowledgeBase();
        knowledgeBase.load();
        int seeded = DemoContent.seed(knowledgeBase, config.demo(), json);
        if (seeded > 0) {
            log.info("Loaded {} demo articles into the knowledge base", seeded);
        }
        calibrations = closeOnStop(new KbCalibrations(knowledgeBase, answering.calibrator(),
                new RedisCalibrationStore(redis, keys, json)));
        calibrations.start();

        // The team: agents, sessions, routing, the inbox
        var agents = new RedisAgentStore(redis, keys, json);
        var routingStore = new RedisRoutingStore(redis, keys, json);
        var presence = new RedisPresence(redis, keys, clock);
        var inbox = new RedisInbox(redis, keys);
        var canned = new RedisCannedReplies(redis, keys, json);
        var passwords = new Passwords();
        var sessions = new RedisSessionStore(redis, keys, config.sessions(), clock);
        var agentAccess = new AgentAccess(agents, sessions, passwords, clock);
        TeamSetup.defaults(routingStore, canned);
        TeamSetup.firstAdmin(agents, passwords, config.adminEmail(), config.adminPassword());
        // A demo store names its demo logins at every start (--no-demo aside), not only at the one that seeded it.
        boolean demoStore = seeded > 0 || Boolean.TRUE.equals(config.demo())
                || (config.demo() == null && agents.demoTeamCreated());
        if (demoStore) {
            demoLogins = TeamSetup.demoAgents(agents, passwords, agentAccess, routingStore);
        }
        // The demo page signs in a demo customer with a secret of the start's own, unless the store has a real one.
        String identitySecret = config.messenger().identitySecret();
        String demoSecret = demoStore && identitySecret == null ? DemoCustomer.newSecret() : null;
        var routing = new Routing(routingStore, agents, presence, clock);
        var actions = new AgentActions(conversationStore, nodeId);
        var assigner = closeOnStop(new Assigner(inbox, conversationStore, actions, routing));
        // The language model that may word answers, handoff summaries and reply drafts (off unless configured)
        var model = ModelClient.of(config.llm()).map(this::closeOnStop);
        if (model.isPresent()) {
            log.info("Answers, handoff summaries and reply drafts may be worded by {}", config.llm());
        }
        var handoffs = new HandoffService(conversations, config.handoff(), routing, clock,
                model.<SummaryWriter>map(ModelSummaries::new).orElse(SummaryWriter.EXTRACTIVE));
        var recentQuestions = new RedisRecentQuestions(redis, keys);
        var contentGaps = new RedisContentGaps(redis, keys, json);

        // Typing, presence, changed articles and the bot's answers as the model writes them, between the nodes
        var signals = closeOnStop(new RedisSignals(redis, keys, json));

        // The bot
        AnswerWriter answerWriter = model.<AnswerWriter>map(m -> new ModelAnswers(m, answering.supportCheck()))
                .orElse(AnswerWriter.EXTRACTIVE);
        // A turn spends most of its time waiting for Redis; more threads than cores keep the model busy meanwhile,
        // and the question embedder batches their questions on as many threads as there are cores.
        int botThreads = BOT_THREADS_PER_CORE * Runtime.getRuntime().availableProcessors();
        ArticleLinks articleLink =
                id -> publicUrl + "/kb/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
        var bot = closeOnStop(new SupportBot(conversations, answering.answerer(calibrations),
                answering.analyzer(), config.handoff(), handoffs, articleLink, config.botName(), botThreads,
                contentGaps, answerWriter, signals::publish));

        // Live delivery: events to customers' and agents' sockets on this node, signals (typing, presence)
        var views = new Views(agents, presence, clock);
        // Only email asks whether a customer is away: with email off, presence is neither kept nor reported.
        CustomerPresence customerPresence = mail.enabled() ? new RedisCustomerPresence(redis, keys, clock)
                : CustomerPresence.NONE;
        var chatSessions = new ChatSessions(customerPresence);
        if (mail.enabled()) {
            // Reported more often than the offline window, so a customer with the messenger open never looks away.
            closeOnStop(new PresenceReports(chatSessions, presenceReports(mail)));
        }
        var agentSessions = new AgentSessions(conversations, inbox, views);
        EventBus events = new EventBus();
        events.subscribe(chatSessions);
        events.subscribe(agentSessions);
        events.subscribe(metrics.events(nodeId));
        events.subscribe(logged -> {
            // A conversation entered the queue or an agent's load changed: someone may take one now.
            var event = logged.event();
            if (event instanceof HandedOff || event instanceof Transferred || event instanceof Resolved
                    || event instanceof ReturnedToBot || event instanceof AgentJoined) {
                assigner.nudge();
            }
        });
        signals.subscribe(chatSessions::onSignal);
        signals.subscribe(agentSessions::onSignal);
        signals.subscribe(signal -> {
            // An article changed on some node: every node reads it again, so all answer alike within a second.
            if ("article".equals(signal.kind())) {
                knowledgeBase.reload(signal.articleId());
                calibrations.changed();
            }
        });
        signals.start();
        var feed = closeOnStop(new RedisEventFeed(redis, keys, json, events));
        feed.start();
        // Webhooks: each event prepared once across nodes (a work queue, below), deliveries and retries kept in Redis
        var webhookStore = metrics.webhookOutcomes(new RedisWebhookStore(redis, keys, json));
        var webhookTargets = new WebhookTargets(config.webhooks().allowPrivate(), config.webhooks().resolver());
        var webhooks = closeOnStop(new WebhookDispatcher(webhookStore, conversationStore, agents, json, clock,
                webhookTargets));
        // Email: each event looked at once across nodes (a work queue, below), due mail kept in Redis like webhooks'
        var mailOutbox = new RedisMailOutbox(redis, keys, json);
        // With email off there is nothing to sign: no secret is made (nor written to Redis).
        var mailTokens = mail.enabled()
                ? new MailTokens(mail.secret() != null ? mail.secret() : mailOutbox.sharedSecret()) : null;
        var mailer = mail.enabled() ? closeOnStop(new MailDispatcher(mailOutbox, conversationStore, routingStore,
                customerPresence, mail, mailTokens, () -> publicUrl, clock, nodeId)) : null;

        // The doors
        var messengerOrigins = new OriginPolicy(config.messenger().allowedOrigins());
        var chat = new ChatEndpoint(conversations, handoffs, signals, chatSessions, json, config.chatLimits(),
                new IdentityTokens(demoSecret != null ? demoSecret : identitySecret,
                        config.messenger().identityRequired()),
                messengerOrigins, config.trustedProxies());
        var articlePage = new ArticlePage(knowledgeBase, messengerOrigins);
        Handler inboundMail = mailTokens == null ? InboundMailEndpoint::off
                : new InboundMailEndpoint(new InboundMailService(mailTokens, conversations, conversationStore, nodeId),
                        mail.inboundSecret(), new RedisSignatureTokens(redis, keys), json, clock)::receive;
        var ratingPage = mailTokens == null ? null : new RatingPage(mailTokens, conversations);
        Handler ratingConfirm = ratingPage == null ? RatingPage::off : ratingPage::confirm;
        Handler ratingRecord = ratingPage == null ? RatingPage::off : ratingPage::record;
        var mailStatus = new MailController(mail.enabled(), mail.inboundSecret() != null);
        var articleOpens = new RedisArticleOpens(redis, keys);
        var helpCenter = new HelpCenter(knowledgeBase, calibrations, articleOpens, messengerOrigins,
                articleLink, clock, config.chatLimits(), config.trustedProxies());
        var health = new HealthCheck(redis, knowledgeBase);
        health.watch("eventFeed", () -> feed.alive(STALLED));
        health.watch("signals", signals::alive);
        health.watch("assigner", assigner::alive);
        health.watch("webhookDispatcher", webhooks::alive);
        if (mailer != null) {
            health.watch("mailDispatcher", mailer::alive);
        }
        var metricsEndpoint = new MetricsEndpoint(metrics, config.metricsToken(), config.trustedProxies());
        var access = new AccessGuard(sessions, agents);
        String linkBase = config.publicUrl() != null ? config.publicUrl().replaceAll("/+$", "") : null;
        var auth = new AuthController(agents, sessions, new RedisLoginThrottle(redis, keys), passwords, agentAccess,
                views, new Clients(config.trustedProxies(), linkBase != null && linkBase.startsWith("https://")));
        var inboxApi = new ConversationsController(conversations, actions, inbox, agents, routingStore, views);
        var draftsApi = new DraftsController(conversations,
                model.map(m -> new ModelDrafts(m, answering.answerer(calibrations))));
        var teamApi = new TeamController(agents, routingStore, routing, presence, assigner, canned, passwords,
                agentAccess, signals, views, config.responseTargetSeconds());
        // Support KPIs, computed from the logs in Redis (the same on every node); conversations stored before the
        // creation-time index existed are added to it at start (only what is missing).
        var conversationLogs = new RedisConversationLogs(redis, keys, conversationStore);
        conversationLogs.indexExisting();
        var kpis = new KpiService(conversationLogs, articleOpens, clock);
        var kpiApi = new KpiController(kpis);
        var webhookApi = new WebhookController(webhookStore, webhooks, webhookTargets, clock);
        var agentSocket = new AgentEndpoint(access, new ConsoleOrigins(linkBase), agentSessions, feed, presence,
                assigner, signals, views, json);
        var articleEditor = new ArticleEditor(knowledgeBase, new RedisArticleVersions(redis, keys, json),
                id -> signals.publish(Signal.articleChanged(id)), clock);
        articleEditor.adoptUnversioned();
        var gapClusters = new GapClusters(answering);
        var calibrationApi = new CalibrationController(calibrations);
        var proposals = new RedisExampleProposals(redis, keys, json);
        events.subscribe(closeOnStop(new ExampleLearner(conversations, knowledgeBase, proposals)));
        var proposalsApi = new ProposalsController(proposals, articleEditor);
        var kbApi = new KnowledgeBaseController(articleEditor, knowledgeBase,
                new DraftLab(answering, calibrations), recentQuestions,
                () -> gapClusters.group(contentGaps.latest(GapClusters.GROUPED)),
                () -> kpis.compute(KpiRange.lastDays(KnowledgeBaseController.USAGE_DAYS, clock)).articles(), json);

        javalin = Javalin.create(app -> {
            app.startup.showJavalinBanner = false;
            app.jsonMapper(new JavalinJackson(json, false));
            // Jetty's per-connection header cache matches values regardless of case by default: a header that
            // differs from an earlier one of the connection only in case would be read as the earlier one. Secrets
            // travel in headers (the metrics token, session cookies, CSRF tokens): read them as sent.
            app.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheCaseSensitive(true));
            app.jetty.modifyWebSocketServletFactory(ws -> {
                ws.setMaxTextMessageSize(64 * 1024);
                ws.setIdleTimeout(Duration.ofMinutes(2));
            });
            app.staticFiles.add(WidgetAssets::configure);
            app.staticFiles.add(ConsoleAssets::configure);
            app.staticFiles.add("/demo/site", Location.CLASSPATH);
            ApiError.register(app.routes);

            app.routes.get("/health", health::handle);
            app.routes.get("/metrics", metricsEndpoint::handle);
            app.routes.get(OpenApiDocument.PATH, OpenApiDocument::serve);
            if (demoSecret != null) {
                app.routes.post("/demo/identity", new DemoCustomer(demoSecret, messengerOrigins, clock)::sign);
            }
            app.routes.get("/kb", articlePage::index);
            app.routes.get("/help/search", helpCenter::search);
            app.routes.get("/help/articles/{id}", helpCenter::article);
            app.routes.get("/kb/{id}", articlePage::render);
            app.routes.post(InboundMailEndpoint.PATH, inboundMail);
            app.routes.get(RatingPage.PATH, ratingConfirm);
            app.routes.post(RatingPage.PATH, ratingRecord);
            app.routes.wsBeforeUpgrade("/ws/chat", chat::beforeUpgrade);
            app.routes.ws("/ws/chat", chat::configure);
            app.routes.wsAfter("/ws/chat", metrics.sockets("widget"));
            // Trailing slashes are ignored in routing, so "/console/" would match a redirect to itself.
            app.routes.before("/console", SecurityHeaders::console);
            app.routes.before("/console/*", SecurityHeaders::console);
            app.routes.get("/console", ctx -> ctx.redirect("/console/index.html"));
            app.routes.get(KpiAssets.PATH, KpiAssets::serve);

            app.routes.before("/api/*", SecurityHeaders::api);
            app.routes.beforeMatched("/api/*", access::check);
            app.routes.post("/api/login", auth::login, Access.ANYONE);
            app.routes.post("/api/logout", auth::logout, Access.AGENT);
            app.routes.get("/api/me", auth::me, Access.AGENT);
            app.routes.put("/api/me/password", auth::changePassword, Access.AGENT);
            app.routes.put("/api/me/status", teamApi::status, Access.AGENT);
            app.routes.get("/api/conversations", inboxApi::list, Access.AGENT);
            app.routes.get("/api/conversations/{id}", inboxApi::get, Access.AGENT);
            app.routes.post("/api/conversations/{id}/claim", inboxApi::claim, Access.AGENT);
            app.routes.post("/api/conversations/{id}/messages", inboxApi::reply, Access.AGENT);
            app.routes.post("/api/conversations/{id}/coach", inboxApi::coach, Access.AGENT);
            app.routes.post("/api/conversations/{id}/notes", inboxApi::note, Access.AGENT);
            app.routes.post("/api/conversations/{id}/transfer", inboxApi::transfer, Access.AGENT);
            app.routes.post("/api/conversations/{id}/return-to-bot", inboxApi::returnToBot, Access.AGENT);
            app.routes.post("/api/conversations/{id}/resolve", inboxApi::resolve, Access.AGENT);
            app.routes.post("/api/conversations/{id}/reopen", inboxApi::reopen, Access.AGENT);
            app.routes.post("/api/conversations/{id}/read", inboxApi::read, Access.AGENT);
            app.routes.post("/api/conversations/{id}/draft", draftsApi::draft, Access.AGENT);
            app.routes.get("/api/reply-drafts", draftsApi::status, Access.AGENT);
            app.routes.get("/api/agents", teamApi::agents, Access.AGENT);
            app.routes.post("/api/agents", teamApi::createAgent, Access.ADMIN);
            app.routes.put("/api/agents/{id}", teamApi::updateAgent, Access.ADMIN);
            app.routes.post("/api/agents/{id}/deactivate", teamApi::deactivateAgent, Access.ADMIN);
            app.routes.post("/api/agents/{id}/reactivate", teamApi::reactivateAgent, Access.ADMIN);
            app.routes.get("/api/teams", teamApi::teams, Access.AGENT);
            app.routes.put("/api/teams/{id}", teamApi::updateTeam, Access.ADMIN);
            app.routes.put("/api/routing", teamApi::updateRouting, Access.ADMIN);
            app.routes.get("/api/canned", teamApi::listCanned, Access.AGENT);
            app.routes.post("/api/canned", teamApi::createCanned, Access.ADMIN);
            app.routes.put("/api/canned/{id}", teamApi::updateCanned, Access.ADMIN);
            app.routes.delete("/api/canned/{id}", teamApi::deleteCanned, Access.ADMIN);
            app.routes.get("/api/settings", teamApi::settings, Access.AGENT);
            app.routes.get("/api/mail", mailStatus::status, Access.AGENT);
            app.routes.get("/api/kb/articles", kbApi::list, Access.ADMIN);
            app.routes.post("/api/kb/articles", kbApi::create, Access.ADMIN);
            app.routes.get("/api/kb/articles/{id}", kbApi::get, Access.ADMIN);
            app.routes.put("/api/kb/articles/{id}", kbApi::update, Access.ADMIN);
            app.routes.delete("/api/kb/articles/{id}", kbApi::archive, Access.ADMIN);
            app.routes.get("/api/kb/articles/{id}/versions", kbApi::versions, Access.ADMIN);
            app.routes.get("/api/kb/articles/{id}/versions/{version}", kbApi::version, Access.ADMIN);
            app.routes.get("/api/kb/articles/{id}/diff", kbApi::diff, Access.ADMIN);
            app.routes.post("/api/kb/articles/{id}/restore/{version}", kbApi::restore, Access.ADMIN);
            app.routes.post("/api/kb/try", kbApi::tryQuestion, Access.ADMIN);
            app.routes.post("/api/kb/impact", kbApi::impact, Access.ADMIN);
            app.routes.post("/api/kb/preview", kbApi::preview, Access.ADMIN);
            app.routes.post("/api/kb/import", kbApi::importArticles, Access.ADMIN);
            app.routes.get("/api/kb/export", kbApi::export, Access.ADMIN);
            app.routes.get("/api/kb/gaps", kbApi::gaps, Access.ADMIN);
            app.routes.get("/api/kb/calibration", calibrationApi::get, Access.ADMIN);
            app.routes.get("/api/kb/proposals", proposalsApi::list, Access.ADMIN);
            app.routes.post("/api/kb/proposals/{id}/accept", proposalsApi::accept, Access.ADMIN);
            app.routes.delete("/api/kb/proposals/{id}", proposalsApi::dismiss, Access.ADMIN);
            app.routes.put("/api/kb/calibration", calibrationApi::put, Access.ADMIN);
            app.routes.get("/api/kpis", kpiApi::get, Access.ADMIN);
            app.routes.get("/api/kpis/{file}", kpiApi::csv, Access.ADMIN);
            app.routes.get("/api/webhooks", webhookApi::list, Access.ADMIN);
            app.routes.post("/api/webhooks", webhookApi::create, Access.ADMIN);
            app.routes.put("/api/webhooks/{id}", webhookApi::update, Access.ADMIN);
            app.routes.delete("/api/webhooks/{id}", webhookApi::delete, Access.ADMIN);
            app.routes.get("/api/webhooks/{id}/deliveries", webhookApi::deliveries, Access.ADMIN);
            app.routes.post("/api/webhooks/{id}/test", webhookApi::test, Access.ADMIN);
            app.routes.wsBeforeUpgrade("/ws/agent", agentSocket::beforeUpgrade);
            app.routes.ws("/ws/agent", agentSocket::configure);
            app.routes.wsAfter("/ws/agent", metrics.sockets("console"));
        });
        closeOnStop(javalin::stop);
        javalin.start(config.port());
        publicUrl = linkBase != null ? linkBase : "http://localhost:" + port();
        assigner.start();
        closeOnStop(new SessionWatch(agentSessions, sessions)).start();
        // The bot starts last: its first turns may be ones left pending by a previous run, and need the address. It
        // holds a few turns per thread; the rest wait in Redis, where another node with room may take them.
        var botQueue = closeOnStop(new RedisWorkQueue(redis, keys, json, "bot", nodeId,
                BOT_TURNS_PER_THREAD * botThreads, metrics.botQueue((turn, done) -> {
                    if (turn.event() instanceof MessageCreated asked && asked.author().role() == Role.CUSTOMER) {
                        recentQuestions.record(asked.text());
                    }
                    bot.take(turn, done);
                })));
        botQueue.start();
        webhooks.start();
        var webhookQueue = closeOnStop(new RedisWorkQueue(redis, keys, json, "webhooks", nodeId, WEBHOOK_EVENTS_HELD,
                metrics.queue("webhooks", webhooks)));
        webhookQueue.start();
        if (mailer != null) {
            mailer.start();
            var mailQueue = closeOnStop(new RedisWorkQueue(redis, keys, json, "mail", nodeId, WEBHOOK_EVENTS_HELD,
                    metrics.queue("mail", mailer)));
            mailQueue.start();
            health.watch("mailQueue", () -> mailQueue.alive(STALLED));
            metrics.watchBacklog("mail", redis, keys);
        }
        health.watch("botQueue", () -> botQueue.alive(STALLED));
        health.watch("webhookQueue", () -> webhookQueue.alive(STALLED));
        metrics.watchBacklog("bot", redis, keys);
        metrics.watchBacklog("webhooks", redis, keys);
    }

    /** How often each node reports its customers' open messengers: within the offline window, at most 15 s. */
    private static Duration presenceReports(MailSettings mail) {
        Duration half = mail.offline().dividedBy(2);
        return half.compareTo(Duration.ofSeconds(15)) > 0 ? Duration.ofSeconds(15)
                : half.compareTo(Duration.ofMillis(250)) < 0 ? Duration.ofMillis(250) : half;
    }

    public int port() {
        return javalin.port();
    }

    /** Waits until the knowledge base's calibration is measured (or read); for tests and tools that need it settled. */
    public void awaitCalibrated() {
        try {
            calibrations.awaitIdle();
        } catch (Exception e) {
            throw new IllegalStateException("the calibration did not finish", e);
        }
    }

    /** The address customers and agents use; article links start with it. */
    public String url() {
        return publicUrl;
    }

    /** The demo agents' logins, when this start created or found them (demo mode). */
    public List<DemoLogin> demoLogins() {
        return demoLogins;
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
