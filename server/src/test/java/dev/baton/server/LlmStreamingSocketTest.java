package dev.baton.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.conversation.Seq;
import dev.baton.testing.FakeChatModel;
import dev.baton.testing.FixtureArticles;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A model that streams its answer, end to end over {@code /ws/chat}: the customer gets the answer's text in
 * {@code draft} frames while the model writes, then the stored {@code message}, which is the model's answer only
 * when it passed the checks and the passage otherwise.
 */
class LlmStreamingSocketTest {
    private static final Duration BUDGET = Duration.ofSeconds(3);
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

    /** What a customer's question brings: the drafts, in order, and the bot's message that ends them. */
    record Turn(ChatClient client, String questionSeq, List<JsonNode> drafts, JsonNode answer) {
        /** The drafts put together at their offsets, as the widget does. */
        String draftedText() {
            StringBuilder text = new StringBuilder();
            for (JsonNode draft : drafts) {
                assertEquals(text.length(), draft.path("offset").asInt(), () -> "a piece out of place: " + drafts);
                text.append(draft.path("text").asText());
            }
            return text.toString();
        }
    }

    private Turn ask(String question) {
        ChatClient client = sockets.chat(baton.port());
        client.helloAsNewVisitor();
        String seq = client.ask("m-1", question).path("seq").asText();
        List<JsonNode> drafts = new ArrayList<>();
        while (true) {
            JsonNode frame = client.nextFrame();
            String type = frame.path("type").asText();
            if ("draft".equals(type)) {
                drafts.add(frame);
            } else if ("message".equals(type) && "bot".equals(frame.path("author").path("role").asText())) {
                return new Turn(client, seq, drafts, frame);
            }
        }
    }

    @Test
    void the_answer_streams_in_drafts_before_the_checked_message_with_its_citation() {
        String worded = "No, there is no cancellation fee. You can cancel your plan yourself whenever you like.";
        model.pace(Duration.ofMillis(40));
        model.replyWith("{\"answer\": \"" + worded + "\", \"articleIds\": [\"cancel-subscription\"]}");

        Turn turn = ask("Is there a cancellation fee?");

        assertTrue(turn.drafts().size() >= 5, () -> "streamed in " + turn.drafts().size() + " drafts");
        turn.drafts().forEach(draft -> {
            assertEquals(turn.questionSeq(), draft.path("replyTo").asText());
            assertEquals("bot", draft.path("author").path("role").asText(), draft::toString);
        });
        assertEquals(worded, turn.draftedText());
        assertEquals(worded, turn.answer().path("text").asText());
        LlmAnswersSocketTest.assertCitesTheCancellationArticle(baton, turn.answer());
        assertTrue(Seq.compare(turn.answer().path("seq").asText(), turn.questionSeq()) > 0);
    }

    @Test
    void a_streamed_answer_that_fails_the_checks_is_replaced_by_the_passage() {
        String invented = "There is no cancellation fee. Your order 48213 is cancelled free of charge.";
        model.pace(Duration.ofMillis(20));
        model.replyWith("{\"answer\": \"" + invented + "\", \"articleIds\": [\"cancel-subscription\"]}");

        Turn turn = ask("Is there a cancellation fee?");

        assertEquals(invented, turn.draftedText(), "the customer saw the model's text while it wrote");
        assertEquals(LlmAnswersSocketTest.PASSAGE, turn.answer().path("text").asText());
        LlmAnswersSocketTest.assertCitesTheCancellationArticle(baton, turn.answer());
        assertTrue(Seq.compare(turn.answer().path("seq").asText(), turn.questionSeq()) > 0,
                "the message replacing the drafts comes after the question they answer");
    }

    @Test
    void a_stream_still_running_at_the_budget_is_cut_off_and_the_passage_goes_out() {
        model.pace(Duration.ofMillis(400)); // about 20 pieces: 8 s, well over the budget
        model.replyWith("{\"answer\": \"No, there is no cancellation fee. You can cancel your plan yourself "
                + "whenever you like.\", \"articleIds\": [\"cancel-subscription\"]}");

        long asked = System.nanoTime();
        Turn turn = ask("Is there a cancellation fee?");
        long tookMs = (System.nanoTime() - asked) / 1_000_000;

        assertEquals(LlmAnswersSocketTest.PASSAGE, turn.answer().path("text").asText());
        assertTrue(!turn.drafts().isEmpty(), "nothing was streamed before the budget ran out");
        assertTrue(tookMs < BUDGET.toMillis() + 2000, "answered after " + tookMs + " ms");
        turn.client().expectSilence(1000); // no piece of the abandoned stream follows the passage
    }
}
