package dev.baton.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.conversation.ConversationService;
import dev.baton.conversation.Role;
import dev.baton.event.CsatSubmitted;
import dev.baton.event.FeedbackGiven;
import dev.baton.event.HandedOff;
import dev.baton.event.LoggedEvent;
import dev.baton.event.MessageCreated;
import dev.baton.routing.Agent;
import dev.baton.routing.AgentRole;
import dev.baton.testing.FixtureArticles;
import dev.baton.testing.TestRedis;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The KPI API over real HTTP, on conversations made the real way: customers over /ws/chat, an agent over the REST
 * API. One conversation the bot answered (with a "yes, it helped"), one refund handed to Ana, answered, resolved and
 * rated 5.
 */
class KpiApiTest {
    private static final String PASSWORD = "correct horse battery";
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    /** Yesterday to tomorrow in UTC: today's conversations, even if the test runs across midnight. */
    private static final String RANGE = "from=" + TODAY.minusDays(1) + "&to=" + TODAY.plusDays(1) + "&tz=UTC";

    private static TestApp baton;
    private static ConversationService conversations;
    private static Agent ana;
    private static final List<JsonSocketClient> sockets = new ArrayList<>();
    private static String botConversation;
    private static String handedOffConversation;
    private static String citedArticle;

    @BeforeAll
    static void start() {
        baton = new TestApp(FixtureArticles.all(), config -> config.withAdmin("admin@test.example", PASSWORD));
        conversations = baton.conversations();
        ana = baton.addAgent("ana@test.example", "Ana Ortiz", AgentRole.AGENT, 5, PASSWORD, "general");

        // 1. The bot answers from an article and the customer says it helped.
        ChatClient first = customer();
        botConversation = first.helloAsNewVisitor().path("conversationId").asText();
        first.ask("a1", "How do customers earn points?");
        LoggedEvent answer = awaitEvent(botConversation, e -> e.event() instanceof MessageCreated m
                && m.author().role() == Role.BOT && !m.citations().isEmpty());
        citedArticle = ((MessageCreated) answer.event()).citations().get(0).articleId();
        first.sendFrame(ChatClient.frame("feedback").put("seq", answer.seq()).put("helpful", true));
        awaitEvent(botConversation, e -> e.event() instanceof FeedbackGiven);

        // 2. A refund goes to the team; Ana claims it, answers, resolves it; the customer rates it 5.
        ChatClient second = customer();
        handedOffConversation = second.helloAsNewVisitor().path("conversationId").asText();
        second.ask("b1", "I want a refund for my last invoice");
        awaitEvent(handedOffConversation, e -> e.event() instanceof HandedOff);
        ConsoleApi anaApi = ConsoleApi.loggedIn(baton.port(), ana.email(), PASSWORD);
        String path = "/api/conversations/" + handedOffConversation;
        assertEquals(200, anaApi.post(path + "/claim", Map.of()).status());
        assertEquals(201, anaApi.post(path + "/messages", Map.of("text", "Hi, Ana here. Let me look.")).status());
        assertEquals(200, anaApi.post(path + "/resolve", Map.of()).status());
        second.sendFrame(ChatClient.frame("csat").put("rating", 5));
        awaitEvent(handedOffConversation, e -> e.event() instanceof CsatSubmitted);
    }

    @AfterAll
    static void stop() {
        sockets.forEach(JsonSocketClient::closeNow);
        baton.close();
    }

    private static ChatClient customer() {
        ChatClient client = ChatClient.connect(baton.port());
        sockets.add(client);
        return client;
    }

    private static LoggedEvent awaitEvent(String conversationId, Predicate<LoggedEvent> matching) {
        return baton.awaitEvent(conversationId, matching);
    }

    private static ConsoleApi admin() {
        return ConsoleApi.loggedIn(baton.port(), "admin@test.example", PASSWORD);
    }

    /** Handoff to Ana's first message, from the stored stream ids. */
    private static long firstReplyMillis() {
        List<LoggedEvent> log = conversations.eventsAfter(handedOffConversation, null);
        long handedOff = log.stream().filter(e -> e.event() instanceof HandedOff).findFirst().orElseThrow().ts();
        long replied = log.stream().filter(e -> e.event() instanceof MessageCreated m
                && m.author().role() == Role.AGENT).findFirst().orElseThrow().ts();
        return replied - handedOff;
    }

    @Test
    void an_admin_gets_the_kpis_of_the_conversations_in_the_range() {
        var response = admin().get("/api/kpis?" + RANGE);

        assertEquals(200, response.status(), response.body()::toString);
        JsonNode k = response.body();
        JsonNode summary = k.path("summary");
        assertEquals(2, summary.path("conversations").asInt());
        assertEquals(1, summary.path("handedOff").asInt());
        assertEquals(0.5, summary.path("handoffRate").asDouble(), 1e-9);
        assertEquals(0, summary.path("botResolved").asInt());
        assertEquals(1, summary.path("botPending").asInt(), "the bot's answer is less than 24 hours old");
        assertEquals(0.0, summary.path("botResolutionRate").asDouble(-1), 1e-9, "0 of the 1 settled one");
        assertEquals(3, k.path("days").size());
        assertEquals(2, k.path("days").get(1).path("conversations").asInt(), "both are today's");
        assertEquals("refund", k.path("handoffReasons").get(0).path("reason").asText());
        assertEquals(1, k.path("handoffReasons").size());
        assertEquals(1, k.path("firstHumanReply").path("count").asInt());
        assertEquals(firstReplyMillis(), k.path("firstHumanReply").path("medianMillis").asLong());
        assertEquals(1, k.path("csat").path("count").asInt());
        assertEquals(5.0, k.path("csat").path("average").asDouble(), 1e-9);
        assertEquals(1, k.path("csat").path("distribution").get(4).path("count").asInt());
        assertEquals(citedArticle, k.path("articles").get(0).path("articleId").asText());
        assertEquals(1, k.path("articles").get(0).path("helpful").asInt());
        // Ana's one reply greets, says what she does next and who she is: no hint was open when she sent it.
        assertEquals(1, k.path("replyCoach").path("replies").asInt(), k.path("replyCoach")::toString);
        assertEquals(0, k.path("replyCoach").path("withHints").asInt());
        assertEquals(0.0, k.path("replyCoach").path("withHintsShare").asDouble(-1), 1e-9);
        assertEquals(0, k.path("articles").get(0).path("notHelpful").asInt());
        JsonNode agent = k.path("agents").get(0);
        assertEquals(ana.id(), agent.path("agentId").asText());
        assertEquals("Ana Ortiz", agent.path("name").asText());
        assertEquals(1, agent.path("conversations").asInt());
        assertEquals(1, agent.path("firstReplies").asInt());
        assertEquals(5.0, agent.path("csatAverage").asDouble(), 1e-9);
    }

    @Test
    void a_range_before_the_conversations_is_empty() {
        var response = admin().get("/api/kpis?from=2020-01-01&to=2020-01-31&tz=Asia/Tokyo");

        assertEquals(200, response.status());
        assertEquals(0, response.body().path("summary").path("conversations").asInt());
        assertEquals(31, response.body().path("days").size());
        assertFalse(response.body().path("summary").has("botResolutionRate"), "no rate without conversations");
    }

    @Test
    void every_chart_downloads_as_csv() {
        ConsoleApi admin = admin();
        var reasons = admin.download("/api/kpis/handoff-reasons.csv?" + RANGE);
        var agents = admin.download("/api/kpis/agents.csv?" + RANGE);

        assertEquals(200, reasons.statusCode());
        assertTrue(reasons.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        assertTrue(reasons.headers().firstValue("Content-Disposition").orElse("")
                .contains("baton-handoff-reasons-" + TODAY.minusDays(1)));
        assertEquals("reason,conversations,share_of_conversations\r\nrefund,1,0.5\r\n", reasons.body());
        assertTrue(agents.body().startsWith("agent_id,name,conversations,first_replies,"), agents.body());
        assertTrue(agents.body().contains(ana.id() + ",Ana Ortiz,1,1,"), agents.body());
        for (String chart : List.of("conversations-per-day", "response-times", "csat", "articles", "reply-coach")) {
            var csv = admin.download("/api/kpis/" + chart + ".csv?" + RANGE);
            assertEquals(200, csv.statusCode(), chart);
            assertTrue(csv.body().contains("\r\n"), chart);
        }
        var unknown = admin.get("/api/kpis/weather.csv?" + RANGE);
        assertEquals(404, unknown.status());
        assertEquals("not_found", unknown.errorCode());
    }

    @Test
    void bad_ranges_are_refused_with_a_reason() {
        ConsoleApi admin = admin();
        Map<String, String> refused = Map.of(
                "from=2026-03-02&to=2026-03-01&tz=UTC", "before",
                "from=2024-01-01&to=2025-01-01&tz=UTC", "366",
                "from=2026-13-01&to=2026-03-01&tz=UTC", "'from'",
                "from=2026-03-01&tz=UTC", "'to'",
                "from=2026-03-01&to=2026-03-02&tz=Mars/Olympus", "Mars/Olympus");

        refused.forEach((query, expected) -> {
            var response = admin.get("/api/kpis?" + query);
            assertEquals(400, response.status(), query);
            assertEquals("invalid_request", response.errorCode(), query);
            assertTrue(response.body().path("message").asText().contains(expected), response.body()::toString);
        });
        assertEquals(400, admin.get("/api/kpis/csat.csv?from=2026-03-02&to=2026-03-01").status());
    }

    @Test
    void only_admins_see_the_kpis() {
        ConsoleApi agent = ConsoleApi.loggedIn(baton.port(), ana.email(), PASSWORD);
        ConsoleApi stranger = new ConsoleApi(baton.port());

        for (String path : List.of("/api/kpis?" + RANGE, "/api/kpis/agents.csv?" + RANGE)) {
            assertEquals(403, agent.get(path).status(), path);
            assertEquals("forbidden", agent.get(path).errorCode(), path);
            assertEquals(401, stranger.get(path).status(), path);
            assertEquals("login_required", stranger.get(path).errorCode(), path);
        }
    }

    @Test
    void another_node_on_the_same_redis_gives_the_same_numbers() {
        try (BatonApp other = BatonApp.start(BatonConfig.defaults().withPort(0).withRedisUrl(TestRedis.url())
                .withDemo(false).withNamespace(baton.keys.namespace()))) {
            JsonNode here = admin().get("/api/kpis?" + RANGE).body();
            JsonNode there = ConsoleApi.loggedIn(other.port(), "admin@test.example", PASSWORD)
                    .get("/api/kpis?" + RANGE).body();

            ((ObjectNode) here).remove("computedAt");
            ((ObjectNode) there).remove("computedAt");
            assertEquals(here, there);
            assertEquals(2, there.path("summary").path("conversations").asInt());
        }
    }

    @Test
    void the_dashboard_script_and_chart_js_are_served_from_the_console() {
        var chartJs = HttpGet.get(baton.port(), "/console/vendor/chartjs/chart.umd.min.js");
        var module = HttpGet.get(baton.port(), "/console/kpis.js");

        assertEquals(200, chartJs.statusCode());
        assertTrue(chartJs.body().contains("Chart"), "the Chart.js UMD build");
        assertEquals(200, module.statusCode());
        assertTrue(module.body().contains("export function setUpKpis"));
    }
}
