package dev.baton.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.routing.AgentRole;
import dev.baton.testing.FakeChatModel;
import dev.baton.testing.FixtureArticles;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code POST /api/conversations/{id}/draft} over real HTTP: a draft by a model (a real HTTP server with canned
 * replies) from the transcript and the articles, with the names filled in; refused when it invents, and a clear
 * 409 when no model is configured.
 */
class ReplyDraftsApiTest {
    private static final String PASSWORD = "correct horse battery";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static FakeChatModel model;
    private static TestApp withModel;
    private static TestApp withoutModel;
    /** What the fake model answers to a draft request; other requests (summaries, answers) get a summary. */
    private static final AtomicReference<String> draftReply = new AtomicReference<>();
    @RegisterExtension
    final OpenSockets sockets = new OpenSockets();

    @BeforeAll
    static void start() {
        model = FakeChatModel.start();
        model.reply(request -> FakeChatModel.completion(request.contains("You draft a reply") ? draftReply.get()
                : "{\"summary\": [\"Goal: a refund.\", \"Tried: nothing.\", \"Now: a refund.\"]}", Duration.ZERO));
        withModel = new TestApp(FixtureArticles.all(), config -> config.withLlm(model.settings(Duration.ofSeconds(3))));
        withModel.addAgent("ana@test.example", "Ana Ortiz", AgentRole.AGENT, 5, PASSWORD, "general");
        withoutModel = new TestApp(FixtureArticles.all());
        withoutModel.addAgent("ana@test.example", "Ana Ortiz", AgentRole.AGENT, 5, PASSWORD, "general");
    }

    @AfterAll
    static void stop() {
        withModel.close();
        withoutModel.close();
        model.close();
    }

    /** Maria, by the name her page gives, asks for a refund; the conversation waits for the team. */
    private String refundConversation(TestApp baton, String locale, String text) {
        ChatClient customer = sockets.chat(baton.port());
        ObjectNode hello = ChatClient.frame("hello").put("visitorId", "visitor-" + System.nanoTime())
                .put("locale", locale);
        hello.putObject("identity").put("name", "Maria Lopez");
        customer.sendFrame(hello);
        String id = customer.next("welcome").path("conversationId").asText();
        customer.ask("m1", text);
        customer.nextMessageFrom("customer");
        customer.next("handoff");
        return id;
    }

    private static String draft(String text) throws Exception {
        return JSON.createObjectNode().put("draft", text).toString();
    }

    @Test
    void a_grounded_draft_comes_back_with_the_customer_and_agent_names_filled_in() throws Exception {
        String id = refundConversation(withModel, "en", "I want a refund for my last invoice");
        draftReply.set(draft("Hi {{customer.firstName}}, I'm sorry about your last invoice. I'm looking into the "
                + "refund myself now and will write back here as soon as it is done. Is there anything we could have "
                + "done better? Best, {{agent.name}}"));
        int before = model.requests().size();
        ConsoleApi ana = ConsoleApi.loggedIn(withModel.port(), "ana@test.example", PASSWORD);

        var response = ana.post("/api/conversations/" + id + "/draft", null);

        assertEquals(200, response.status(), () -> response.body().toString());
        String text = response.body().path("draft").asText();
        assertTrue(text.startsWith("Hi Maria, I'm sorry") && text.endsWith("Best, Ana Ortiz"), text);
        assertTrue(response.body().path("template").asText().startsWith("Hi {{customer.firstName}}"));
        String request = model.requests().subList(before, model.requests().size()).stream()
                .filter(r -> r.contains("You draft a reply")).findFirst().orElseThrow();
        assertTrue(request.contains("Customer: I want a refund for my last invoice"), request);
        assertTrue(request.contains("Write it in English"), request);
        assertFalse(request.contains("Maria") || request.contains("Ana Ortiz"), "names were sent: " + request);
    }

    @Test
    void a_japanese_customer_gets_a_draft_asked_for_in_japanese() throws Exception {
        String id = refundConversation(withModel, "ja", "返金してください");
        draftReply.set(draft("{{customer.firstName}}様、ご不便をおかけしました。返金は私が確認し、こちらでご連絡します。"
                + "何か改善できる点はありましたか？ {{agent.name}}"));
        int before = model.requests().size();
        ConsoleApi ana = ConsoleApi.loggedIn(withModel.port(), "ana@test.example", PASSWORD);

        var response = ana.post("/api/conversations/" + id + "/draft", null);

        assertEquals(200, response.status(), () -> response.body().toString());
        assertTrue(response.body().path("draft").asText().startsWith("Maria様、"), response.body()::toString);
        assertTrue(model.requests().subList(before, model.requests().size()).stream()
                .anyMatch(r -> r.contains("Write it in Japanese")));
    }

    @Test
    void a_draft_that_invents_an_amount_is_refused_with_503() throws Exception {
        String id = refundConversation(withModel, "en", "I want a refund for my last invoice");
        draftReply.set(draft("Hi {{customer.firstName}}, I have refunded the $49 already. Anything we could do "
                + "better? {{agent.name}}"));
        ConsoleApi ana = ConsoleApi.loggedIn(withModel.port(), "ana@test.example", PASSWORD);

        var response = ana.post("/api/conversations/" + id + "/draft", null);

        assertEquals(503, response.status());
        assertEquals("draft_unavailable", response.errorCode());
    }

    @Test
    void without_a_model_drafts_are_not_configured() {
        String id = refundConversation(withoutModel, "en", "I want a refund for my last invoice");
        ConsoleApi ana = ConsoleApi.loggedIn(withoutModel.port(), "ana@test.example", PASSWORD);

        var response = ana.post("/api/conversations/" + id + "/draft", null);

        assertEquals(409, response.status());
        assertEquals("not_configured", response.errorCode());
        assertTrue(response.body().path("message").asText().contains("BATON_LLM"));
        assertFalse(ana.get("/api/reply-drafts").body().path("available").asBoolean(true));
        assertTrue(ConsoleApi.loggedIn(withModel.port(), "ana@test.example", PASSWORD).get("/api/reply-drafts")
                .body().path("available").asBoolean(false));
    }

    @Test
    void an_unknown_conversation_is_404_and_a_caller_without_a_session_401() {
        ConsoleApi ana = ConsoleApi.loggedIn(withModel.port(), "ana@test.example", PASSWORD);
        assertEquals(404, ana.post("/api/conversations/nope/draft", null).status());
        String id = refundConversation(withModel, "en", "I want a refund for my last invoice");
        assertEquals(401, new ConsoleApi(withModel.port()).post("/api/conversations/" + id + "/draft", null)
                .status());
    }
}
