package dev.baton.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.testing.FakeChatModel;
import dev.baton.testing.FixtureArticles;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Answers worded by a language model, end to end over {@code /ws/chat}: the real server calls a real HTTP server
 * that speaks OpenAI's chat API with canned replies, and the customer gets the model's answer only when it is
 * grounded, else the passage as written, always with the article's link.
 */
class LlmAnswersSocketTest {
    static final String PASSAGE = "You can cancel your plan yourself at any time. There is no cancellation fee.";
    private static FakeChatModel model;
    private static TestApp baton;
    @RegisterExtension
    final OpenSockets sockets = new OpenSockets();

    @BeforeAll
    static void start() {
        model = FakeChatModel.start();
        baton = new TestApp(FixtureArticles.all(), config -> config.withLlm(model.settings(Duration.ofSeconds(2))));
    }

    @AfterAll
    static void stop() {
        baton.close();
        model.close();
    }

    /** The bot's reply to {@code question} from a new customer. */
    static JsonNode answerTo(ChatClient client, String question) {
        client.helloAsNewVisitor();
        client.ask("m-1", question);
        client.nextMessagePastDrafts("customer");
        return client.nextMessagePastDrafts("bot");
    }

    static void assertCitesTheCancellationArticle(TestApp baton, JsonNode answer) {
        assertEquals(1, answer.path("citations").size(), answer::toString);
        JsonNode citation = answer.path("citations").get(0);
        assertEquals("cancel-subscription", citation.path("articleId").asText());
        assertEquals(baton.url() + "/kb/cancel-subscription", citation.path("url").asText());
    }

    @Test
    void a_grounded_answer_reaches_the_customer_with_its_citation() {
        String worded = "No, there is no cancellation fee. You can cancel your plan yourself whenever you like.";
        model.replyWith("{\"answer\": \"" + worded + "\", \"articleIds\": [\"cancel-subscription\"]}");

        JsonNode answer = answerTo(sockets.chat(baton.port()), "Is there a cancellation fee?");

        assertEquals(worded, answer.path("text").asText());
        assertCitesTheCancellationArticle(baton, answer);
    }

    @Test
    void an_answer_citing_an_article_that_was_not_retrieved_gives_way_to_the_passage() {
        model.replyWith("{\"answer\": \"There is no cancellation fee.\", "
                + "\"articleIds\": [\"cancel-subscription\", \"shopify-integration\"]}");

        JsonNode answer = answerTo(sockets.chat(baton.port()), "Is there a cancellation fee?");

        assertEquals(PASSAGE, answer.path("text").asText());
        assertCitesTheCancellationArticle(baton, answer);
    }

    @Test
    void an_answer_that_invents_an_order_number_gives_way_to_the_passage() {
        model.replyWith("{\"answer\": \"There is no cancellation fee. Your order 48213 is cancelled free of "
                + "charge.\", \"articleIds\": [\"cancel-subscription\"]}");

        JsonNode answer = answerTo(sockets.chat(baton.port()), "Is there a cancellation fee?");

        assertEquals(PASSAGE, answer.path("text").asText());
        assertCitesTheCancellationArticle(baton, answer);
    }

    @Test
    void a_question_the_knowledge_base_does_not_answer_never_reaches_the_model() {
        model.replyWith("{\"answer\": \"It will be sunny.\", \"articleIds\": [\"cancel-subscription\"]}");
        int before = model.requests().size();

        JsonNode answer = answerTo(sockets.chat(baton.port()), "Will it rain in Osaka tomorrow?");

        assertTrue(answer.path("text").asText().startsWith("I'm not sure"), answer::toString);
        assertEquals(before, model.requests().size(), "the model was asked an out-of-scope question");
    }

    @Test
    void the_model_is_sent_the_passage_and_the_question_and_no_customer_identity() {
        model.replyWith("{\"answer\": \"There is no cancellation fee.\", \"articleIds\": [\"cancel-subscription\"]}");
        int before = model.requests().size();
        ChatClient client = sockets.chat(baton.port());
        ObjectNode hello = ChatClient.frame("hello").put("visitorId", "visitor-maria");
        hello.putObject("identity").put("name", "Maria Lopez").put("email", "maria@example.com");
        client.sendFrame(hello);
        client.next("welcome");
        client.ask("m-1", "Is there a cancellation fee?");
        client.nextMessagePastDrafts("customer");
        client.nextMessagePastDrafts("bot");

        String request = model.requests().get(before);
        assertTrue(request.contains(PASSAGE) && request.contains("Is there a cancellation fee?"), request);
        assertTrue(!request.contains("Maria") && !request.contains("maria@example.com")
                && !request.contains("visitor-maria"), request);
    }
}
