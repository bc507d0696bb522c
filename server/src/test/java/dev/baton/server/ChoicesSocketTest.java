package dev.baton.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.handoff.HandoffContext;
import dev.baton.kb.Article;
import dev.baton.routing.AgentRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * "Did you mean…" and follow-ups over a real socket to the real server: the bot offers articles, a pick is
 * answered with that article's passage and counted, "None of these" is a not-sure turn, and a short follow-up is
 * read with the question before it; annoyance after choices the customer wrote past reaches a person.
 */
class ChoicesSocketTest {
    private static final String PASSWORD = "a-long-test-password";
    /** A small help center written for this test: two close articles and an app with two platforms. */
    static final List<Article> ARTICLES = List.of(
            new Article("cancel-plan", "Cancel your plan", "Owners cancel under **Settings > Billing > Cancel plan**. "
                    + "The plan stays active until the end of the paid period.", List.of(), "en",
                    List.of("how do I cancel my plan", "stop my subscription")),
            new Article("delete-account", "Delete your account", "Deleting the account removes every store, member "
                    + "and report for good. Only the owner can do it, under **Settings > Account**.", List.of(), "en",
                    List.of("how do I delete my account", "remove all my data")),
            new Article("mobile-app", "Install the mobile app", "**iPhone**\n\nGet Perkful from the App Store and "
                    + "sign in with your work email.\n\n**Android**\n\nGet Perkful from Google Play; it needs "
                    + "Android 10 or later.", List.of(), "en",
                    List.of("how do I install the app on my iphone", "is there a mobile app")),
            new Article("points", "How customers earn points", "Customers earn one point for every dollar they "
                    + "spend.", List.of(), "en", List.of("how do customers earn points")));

    private static TestApp baton;
    private static ConsoleApi admin;
    @RegisterExtension
    final OpenSockets sockets = new OpenSockets();

    @BeforeAll
    static void start() {
        baton = new TestApp(ARTICLES);
        baton.addAgent("choices-admin@perkful.example", "Alex Kim", AgentRole.ADMIN, 5, PASSWORD);
        admin = ConsoleApi.loggedIn(baton.port(), "choices-admin@perkful.example", PASSWORD);
    }

    @AfterAll
    static void stop() {
        baton.close();
    }

    /** Thresholds set by an admin, so what the bot does depends on the flow under test, not on the model's numbers. */
    private static void thresholds(double answer, double offer) {
        assertEquals(200, admin.put("/api/kb/calibration", Map.of("answerThreshold", answer, "offerThreshold", offer,
                "wordAnswerThreshold", answer, "wordOfferThreshold", offer)).status());
    }

    private ChatClient customer() {
        ChatClient client = sockets.chat(baton.port());
        client.helloAsNewVisitor();
        return client;
    }

    /** Asks as a new customer and returns the bot's offer of choices. */
    private JsonNode offerFor(ChatClient client, String question) {
        client.ask("m-1", question);
        client.nextMessageFrom("customer");
        return client.nextMessageFrom("bot");
    }

    private static List<String> choiceIds(JsonNode message) {
        List<String> ids = new ArrayList<>();
        message.path("choices").forEach(choice -> ids.add(choice.path("articleId").asText()));
        return ids;
    }

    @Test
    void a_pick_is_answered_with_that_articles_passage_and_counted() {
        thresholds(0.999, 0.0001);
        ChatClient client = customer();

        JsonNode offer = offerFor(client, "what can only the owner do under settings");

        assertEquals("Did you mean one of these?", offer.path("text").asText());
        List<String> offered = choiceIds(offer);
        assertTrue(offered.size() >= 2 && offered.size() <= 3, offer::toString);
        assertTrue(offered.contains("cancel-plan") && offered.contains("delete-account"), offer::toString);
        assertTrue(offer.path("citations").isMissingNode(), offer::toString);

        client.sendFrame(ChatClient.frame("pick").put("seq", offer.path("seq").asText())
                .put("articleId", "delete-account"));
        JsonNode answer = client.nextMessageFrom("bot");

        assertEquals("delete-account", answer.path("citations").get(0).path("articleId").asText());
        assertTrue(answer.path("text").asText().contains("removes every store"), answer::toString);
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        JsonNode summary = admin.get("/api/kpis?from=" + today + "&to=" + today).body().path("summary");
        assertTrue(summary.path("choicesOffered").asInt() >= 1, summary::toString);
        assertTrue(summary.path("choicesPicked").asInt() >= 1, summary::toString);
    }

    @Test
    void a_picked_article_proposes_the_question_as_its_example_and_only_an_admin_adds_it() throws Exception {
        thresholds(0.999, 0.0001);
        ChatClient client = customer();
        JsonNode offer = offerFor(client, "which settings page is that on for the owner");
        client.sendFrame(ChatClient.frame("pick").put("seq", offer.path("seq").asText())
                .put("articleId", "delete-account"));
        client.nextMessageFrom("bot");

        JsonNode proposal = await("the question is proposed").until(() -> proposalFor(
                "which settings page is that on for the owner"), Optional::isPresent).orElseThrow();
        assertEquals("delete-account", proposal.path("articleId").asText());
        assertEquals("picked", proposal.path("source").asText());
        JsonNode before = admin.get("/api/kb/articles/delete-account").body();
        assertFalse(before.toString().contains("which settings page is that on"), "nothing changes without an admin");

        JsonNode accepted = admin.post("/api/kb/proposals/" + proposal.path("id").asText() + "/accept", Map.of())
                .body();

        assertTrue(accepted.path("examples").toString().contains("which settings page is that on for the owner"),
                accepted::toString);
        assertTrue(admin.get("/api/kb/articles/delete-account").body().toString()
                .contains("which settings page is that on for the owner"));
        assertTrue(admin.get("/api/kb/articles/delete-account/versions").body().path("versions").size() >= 2);
        for (JsonNode p : admin.get("/api/kb/proposals").body().path("proposals")) {
            assertFalse(p.path("id").asText().equals(proposal.path("id").asText()), "accepted, so no longer pending");
        }
    }

    @Test
    void none_of_these_is_a_not_sure_turn_that_offers_a_person() {
        thresholds(0.999, 0.0001);
        ChatClient client = customer();
        JsonNode offer = offerFor(client, "what can only the owner do under settings");

        client.sendFrame(ChatClient.frame("pick").put("seq", offer.path("seq").asText()));
        JsonNode reply = client.nextMessageFrom("bot");

        assertTrue(reply.path("text").asText().startsWith("I'm not sure"), reply::toString);
        assertTrue(reply.path("text").asText().contains("someone from our team"), reply::toString);
        assertTrue(reply.path("citations").isMissingNode(), reply::toString);
    }

    @Test
    void a_customer_who_asks_the_same_again_instead_of_picking_reaches_a_person() {
        thresholds(0.999, 0.0001);
        ChatClient client = customer();
        JsonNode first = offerFor(client, "what can only the owner do under settings");
        assertFalse(choiceIds(first).isEmpty(), first::toString);

        client.ask("m-2", "what can only the owner do under settings??");
        client.nextMessageFrom("customer");
        JsonNode handoff = client.next("handoff");

        assertEquals("low_confidence", handoff.path("reason").asText(), handoff::toString);
    }

    /** Three different questions, each answered with choices the customer writes past. */
    private static void writePastThreeOffers(ChatClient client) {
        List<String> questions = List.of("what can only the owner do under settings",
                "is there something for my phone", "how are points counted for shoppers");
        for (int i = 0; i < questions.size(); i++) {
            client.ask("m-" + i, questions.get(i));
            client.nextMessageFrom("customer");
            JsonNode offer = client.nextMessageFrom("bot");
            assertFalse(choiceIds(offer).isEmpty(), offer::toString);
        }
    }

    @Test
    void annoyance_after_three_offers_not_taken_is_handed_over_with_the_customers_words() {
        thresholds(0.999, 0.0001);
        ChatClient client = sockets.chat(baton.port());
        String conversationId = client.helloAsNewVisitor().path("conversationId").asText();
        writePastThreeOffers(client);

        client.ask("m-3", "seriously?? still nothing that fits");
        client.nextMessageFrom("customer");
        JsonNode handoff = client.next("handoff");

        assertEquals("frustration", handoff.path("reason").asText(), handoff::toString);
        HandoffContext context = baton.conversations().latestHandoff(conversationId).orElseThrow();
        assertTrue(context.evidence().stream().anyMatch(e -> e.startsWith("sounds annoyed")
                && e.contains("after 3 replies in a row that did not help (choices not taken 3 times)")
                && e.endsWith("\"seriously?? still nothing that fits\"")), context.evidence()::toString);
    }

    @Test
    void a_calm_question_after_three_offers_not_taken_gets_an_answer_not_a_person() {
        thresholds(0.999, 0.0001);
        ChatClient client = customer();
        writePastThreeOffers(client);

        client.ask("m-3", "ok, and is there an android version");
        client.nextMessageFrom("customer");
        JsonNode reply = client.nextFrame();

        assertEquals("message", reply.path("type").asText(), reply::toString);
    }

    @Test
    void none_of_these_twice_reaches_a_person() {
        thresholds(0.999, 0.0001);
        ChatClient client = customer();
        JsonNode first = offerFor(client, "what can only the owner do under settings");
        client.sendFrame(ChatClient.frame("pick").put("seq", first.path("seq").asText()));
        assertTrue(client.nextMessageFrom("bot").path("text").asText().startsWith("I'm not sure"));

        client.ask("m-2", "is there something for my phone");
        client.nextMessageFrom("customer");
        JsonNode second = client.nextMessageFrom("bot");
        assertFalse(choiceIds(second).isEmpty(), second::toString);
        client.sendFrame(ChatClient.frame("pick").put("seq", second.path("seq").asText()));

        assertEquals("low_confidence", client.next("handoff").path("reason").asText());
    }

    @Test
    void a_pick_of_an_article_that_was_not_offered_is_refused() {
        thresholds(0.999, 0.0001);
        ChatClient client = customer();
        JsonNode offer = offerFor(client, "what can only the owner do under settings");
        assertFalse(choiceIds(offer).contains("points"), offer::toString);

        client.sendFrame(ChatClient.frame("pick").put("seq", offer.path("seq").asText()).put("articleId", "points"));

        assertEquals("invalid_field", client.next("error").path("code").asText());
    }

    @Test
    void a_short_follow_up_is_read_with_the_question_before_it() {
        thresholds(0.9, 0.3);
        ChatClient alone = customer();
        alone.ask("m-1", "what about android");
        alone.nextMessageFrom("customer");
        JsonNode withoutContext = alone.nextMessageFrom("bot");
        assertTrue(withoutContext.path("citations").isMissingNode(), "alone it is not answered: " + withoutContext);

        ChatClient client = customer();
        client.ask("m-1", "how do I install the app on my iphone");
        client.nextMessageFrom("customer");
        assertEquals("mobile-app", client.nextMessageFrom("bot").path("citations").get(0).path("articleId").asText());
        client.ask("m-2", "what about android");
        client.nextMessageFrom("customer");
        JsonNode followUp = client.nextMessageFrom("bot");

        assertEquals("mobile-app", followUp.path("citations").get(0).path("articleId").asText(), followUp::toString);
        assertTrue(followUp.path("text").asText().contains("Google Play"), followUp::toString);
    }

    private Optional<JsonNode> proposalFor(String question) {
        for (JsonNode p : admin.get("/api/kb/proposals").body().path("proposals")) {
            if (p.path("question").asText().equals(question)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
