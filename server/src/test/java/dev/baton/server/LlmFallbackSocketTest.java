package dev.baton.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.testing.FakeChatModel;
import dev.baton.testing.FixtureArticles;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A model that is late or returns garbage, end to end over {@code /ws/chat}: the customer gets the passage as
 * written, within the budget. (Apart from {@link LlmAnswersSocketTest}, whose answers count as the model's
 * successes: these failures, two of them, stay below what opens the circuit breaker.)
 */
class LlmFallbackSocketTest {
    private static final Duration BUDGET = Duration.ofMillis(1000);
    private static FakeChatModel model;
    private static TestApp baton;
    @RegisterExtension
    final OpenSockets sockets = new OpenSockets();

    @BeforeAll
    static void start() {
        model = FakeChatModel.start();
        baton = new TestApp(FixtureArticles.all(), config -> config.withLlm(model.settings(BUDGET)));
    }

    @AfterAll
    static void stop() {
        baton.close();
        model.close();
    }

    @Test
    void a_model_that_is_late_gives_way_to_the_passage_within_the_budget() {
        model.replyAfter(Duration.ofSeconds(10), "{\"answer\": \"There is no cancellation fee.\", "
                + "\"articleIds\": [\"cancel-subscription\"]}");
        int before = model.requests().size();
        ChatClient client = sockets.chat(baton.port());
        client.helloAsNewVisitor();

        long asked = System.nanoTime();
        client.ask("m-1", "Is there a cancellation fee?");
        client.nextMessagePastDrafts("customer");
        JsonNode answer = client.nextMessagePastDrafts("bot");
        long tookMs = (System.nanoTime() - asked) / 1_000_000;

        assertEquals(LlmAnswersSocketTest.PASSAGE, answer.path("text").asText());
        LlmAnswersSocketTest.assertCitesTheCancellationArticle(baton, answer);
        assertEquals(before + 1, model.requests().size(), "the model was not asked");
        assertTrue(tookMs >= BUDGET.toMillis() && tookMs < BUDGET.toMillis() + 2000, "answered after " + tookMs
                + " ms");
    }

    @Test
    void malformed_json_gives_way_to_the_passage() {
        model.replyWith("{\"answer\": \"There is no cancellation fee.\", \"articleIds\": [\"cancel-");
        int before = model.requests().size();

        JsonNode answer = LlmAnswersSocketTest.answerTo(sockets.chat(baton.port()), "Is there a cancellation fee?");

        assertEquals(LlmAnswersSocketTest.PASSAGE, answer.path("text").asText());
        LlmAnswersSocketTest.assertCitesTheCancellationArticle(baton, answer);
        assertEquals(before + 1, model.requests().size(), "the model was not asked");
    }
}
