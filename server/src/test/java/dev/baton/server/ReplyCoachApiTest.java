package dev.baton.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.conversation.ConversationService;
import dev.baton.conversation.Role;
import dev.baton.event.HandedOff;
import dev.baton.event.MessageCreated;
import dev.baton.routing.Agent;
import dev.baton.routing.AgentRole;
import dev.baton.testing.FixtureArticles;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reply coach over real HTTP: {@code POST …/coach} gives hints on a reply being written, a sent reply keeps the
 * hints it went out with (minus those the agent dismissed), and the KPIs count the share of replies sent with hints
 * open. Customers come over /ws/chat, the agent uses the REST API.
 */
class ReplyCoachApiTest {
    private static final String PASSWORD = "correct horse battery";
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    private static final String RANGE = "from=" + TODAY.minusDays(1) + "&to=" + TODAY.plusDays(1) + "&tz=UTC";
    private static final String CURT = "cant do that, system wont let me";

    private static TestApp baton;
    private static ConversationService conversations;
    private static Agent ana;
    private static ConsoleApi anaApi;
    private static final List<JsonSocketClient> sockets = new ArrayList<>();

    @BeforeAll
    static void start() {
        baton = new TestApp(FixtureArticles.all(), config -> config.withAdmin("admin@test.example", PASSWORD));
        conversations = baton.conversations();
        ana = baton.addAgent("ana@test.example", "Ana Ortiz", AgentRole.AGENT, 5, PASSWORD, "general");
        anaApi = ConsoleApi.loggedIn(baton.port(), ana.email(), PASSWORD);
    }

    @AfterAll
    static void stop() {
        sockets.forEach(JsonSocketClient::closeNow);
        baton.close();
    }

    /** A conversation's API path, and its customer's socket. */
    private record Chat(String path, ChatClient customer) {}

    /** Maria Lopez asks for a refund, the bot hands over, Ana claims it. */
    private static Chat mariasRefundClaimedByAna() {
        ChatClient customer = ChatClient.connect(baton.port());
        sockets.add(customer);
        String id = customer.helloAsNewVisitorNamed("Maria Lopez").path("conversationId").asText();
        customer.ask("m1", "I want a refund for my last invoice");
        baton.awaitEvent(id, e -> e.event() instanceof HandedOff);
        String path = "/api/conversations/" + id;
        assertEquals(200, anaApi.post(path + "/claim", Map.of()).status());
        return new Chat(path, customer);
    }

    private static List<String> codes(JsonNode hints) {
        List<String> codes = new ArrayList<>();
        hints.forEach(hint -> codes.add(hint.path("code").asText()));
        return codes;
    }

    private static List<List<String>> agentRepliesHints(String path) {
        String id = path.substring(path.lastIndexOf('/') + 1);
        return conversations.eventsAfter(id, null).stream()
                .filter(e -> e.event() instanceof MessageCreated m && m.author().role() == Role.AGENT)
                .map(e -> ((MessageCreated) e.event()).coachHints()).toList();
    }

    @Test
    void a_curt_faceless_reply_gets_hints_a_warm_one_that_owns_the_problem_gets_none() {
        String path = mariasRefundClaimedByAna().path();

        var curt = anaApi.post(path + "/coach", Map.of("text", CURT));
        var japanese = anaApi.post(path + "/coach", Map.of("text", "システム上、返金はできかねます。"));
        var warm = anaApi.post(path + "/coach", Map.of("text", "Hi Maria, I'm Ana from billing. I've issued the "
                + "refund: it reaches your card within 5 business days."));

        assertEquals(200, curt.status(), curt.body()::toString);
        assertEquals(List.of("greeting", "customer_name", "disowning", "next_step", "sign_off"),
                codes(curt.body().path("hints")));
        curt.body().path("hints").forEach(hint -> assertFalse(hint.path("message").asText().isBlank()));
        assertTrue(codes(japanese.body().path("hints")).contains("disowning"), japanese.body()::toString);
        assertEquals(200, warm.status());
        assertEquals(List.of(), codes(warm.body().path("hints")));
        assertEquals(List.of(), agentRepliesHints(path), "asking the coach sends nothing");
    }

    @Test
    void the_coach_refuses_what_it_cannot_read_and_callers_it_does_not_know() throws Exception {
        String path = mariasRefundClaimedByAna().path();

        var noText = anaApi.post(path + "/coach", Map.of("words", "hi"));
        var tooLong = anaApi.post(path + "/coach", Map.of("text", "a".repeat(4001)));
        var unknown = anaApi.post("/api/conversations/no-such-conversation/coach", Map.of("text", "Hi"));
        var noCsrf = anaApi.send("POST", path + "/coach", Map.of("text", "Hi"), false);
        int anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(baton.url() + path + "/coach"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"Hi\"}")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();

        assertEquals(400, noText.status());
        assertEquals("invalid_request", noText.errorCode());
        assertEquals(400, tooLong.status());
        assertTrue(tooLong.body().path("message").asText().contains("4000"), tooLong.body()::toString);
        assertEquals(404, unknown.status());
        assertEquals(403, noCsrf.status());
        assertEquals(401, anonymous);
    }

    @Test
    void a_sent_reply_keeps_its_open_hints_and_the_kpis_count_the_share_sent_with_hints() {
        Chat chat = mariasRefundClaimedByAna();
        String path = chat.path();

        var badCode = anaApi.post(path + "/messages", Map.of("text", CURT, "dismissedHints", List.of("rude")));
        assertEquals(400, badCode.status());
        assertTrue(badCode.body().path("message").asText().contains("sign_off"), badCode.body()::toString);
        assertEquals(List.of(), agentRepliesHints(path), "a refused reply stores nothing");

        // Sent anyway, with the sign-off hint dismissed: the other four went out open.
        assertEquals(201, anaApi.post(path + "/messages", Map.of("text", CURT, "dismissedHints",
                List.of("sign_off"))).status());
        // A second reply that owns the problem: greeting, name and sign-off are asked of the first reply only.
        assertEquals(201, anaApi.post(path + "/messages", Map.of("text", "Sorry, Maria: I've issued the refund "
                + "after all, and it reaches your card within 5 business days.")).status());
        assertEquals(List.of(List.of("greeting", "customer_name", "disowning", "next_step"), List.of()),
                agentRepliesHints(path));
        JsonNode frame = chat.customer().nextFrame();
        while (!"agent".equals(frame.path("author").path("role").asText())) {
            frame = chat.customer().nextFrame();
        }
        JsonNode delivered = frame;
        assertEquals(CURT, delivered.path("text").asText());
        assertFalse(delivered.toString().contains("coachHints") || delivered.toString().contains("disowning"),
                () -> "the coach's hints are the agents' business: " + delivered);

        ConsoleApi admin = ConsoleApi.loggedIn(baton.port(), "admin@test.example", PASSWORD);
        var kpis = admin.get("/api/kpis?" + RANGE);
        assertEquals(200, kpis.status(), kpis.body()::toString);
        JsonNode coach = kpis.body().path("replyCoach");
        assertEquals(2, coach.path("replies").asInt(), coach::toString);
        assertEquals(1, coach.path("withHints").asInt());
        assertEquals(0.5, coach.path("withHintsShare").asDouble(), 1e-9);
        assertEquals(List.of("customer_name", "disowning", "greeting", "next_step"), codesOf(coach.path("hints")));
        coach.path("hints").forEach(hint -> assertEquals(1, hint.path("replies").asInt(), hint::toString));

        HttpResponse<String> csv = admin.download("/api/kpis/reply-coach.csv?" + RANGE);
        assertEquals(200, csv.statusCode());
        assertEquals("hint,replies,share_of_replies\r\nany,1,0.5\r\ncustomer_name,1,0.5\r\ndisowning,1,0.5\r\n"
                + "greeting,1,0.5\r\nnext_step,1,0.5\r\n", csv.body());
        assertEquals(403, anaApi.get("/api/kpis?" + RANGE).status(), "KPIs are for admins");
    }

    private static List<String> codesOf(JsonNode hints) {
        List<String> codes = new ArrayList<>();
        hints.forEach(hint -> codes.add(hint.path("hint").asText()));
        return codes;
    }
}
