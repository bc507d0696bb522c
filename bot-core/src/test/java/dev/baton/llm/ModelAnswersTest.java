package dev.baton.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.kb.Language;
import dev.baton.kb.OnnxEmbedder;
import dev.baton.kb.TextAnalysis;
import dev.baton.testing.FakeChatModel;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Written answers against a real HTTP server that speaks OpenAI's chat API, with canned replies. */
class ModelAnswersTest {
    private static final OnnxEmbedder embedder = new OnnxEmbedder(1);
    private static final TextAnalysis analysis = new TextAnalysis();
    private static final String QUESTION = "Can I pause my coffee subscription?";
    private static final List<AnswerWriter.Source> SOURCES = List.of(new AnswerWriter.Source("pause-subscription",
            "Pausing your subscription", "You can pause your coffee subscription for up to three months. "
                    + "Open Deliveries and choose Pause. Your next bag ships on the day the pause ends."));

    private final FakeChatModel server = FakeChatModel.start();
    private final ModelClient client = ModelClient.of(server.settings(Duration.ofMillis(1500))).orElseThrow();
    private final ModelAnswers answers = new ModelAnswers(client, new SupportCheck(embedder, analysis));
    /** The answer's text so far, each time the streamed reply grew. */
    private final List<String> drafts = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @AfterAll
    static void closeModel() {
        embedder.close();
        analysis.close();
    }

    private static String reply(String answer, String... ids) throws Exception {
        var node = new ObjectMapper().createObjectNode().put("answer", answer);
        var array = node.putArray("articleIds");
        for (String id : ids) {
            array.add(id);
        }
        return node.toString();
    }

    @Test
    void a_grounded_answer_is_kept_with_the_articles_it_cites() throws Exception {
        String text = "Yes, you can pause your coffee subscription for up to three months. "
                + "To do it, open Deliveries and choose Pause.";
        server.replyWith(reply(text, "pause-subscription"));

        Optional<AnswerWriter.Written> written = answers.write(QUESTION, Language.ENGLISH, SOURCES, drafts::add);

        assertEquals(Optional.of(new AnswerWriter.Written(text, List.of("pause-subscription"))), written);
    }

    @Test
    void the_model_is_sent_the_passages_with_their_ids_and_the_question_in_json_mode_and_nothing_else()
            throws Exception {
        server.replyWith(reply("You can pause it.", "pause-subscription"));

        answers.write(QUESTION, Language.ENGLISH, SOURCES, drafts::add);

        JsonNode request = new ObjectMapper().readTree(server.requests().get(0));
        assertEquals("json_object", request.path("response_format").path("type").asText());
        assertEquals("fake-model", request.path("model").asText());
        JsonNode messages = request.path("messages");
        assertEquals(2, messages.size());
        assertEquals(ModelAnswers.INSTRUCTIONS, messages.get(0).path("content").asText());
        assertEquals("Passages:\n1. [pause-subscription] Pausing your subscription\n" + SOURCES.get(0).passage()
                + "\n\nQuestion: " + QUESTION, messages.get(1).path("content").asText());
    }

    @Test
    void an_answer_citing_an_article_that_was_not_retrieved_is_discarded() throws Exception {
        server.replyWith(reply("You can pause your coffee subscription for up to three months.",
                "pause-subscription", "cancel-subscription"));

        assertEquals(Optional.empty(), answers.write(QUESTION, Language.ENGLISH, SOURCES, drafts::add));
    }

    @Test
    void an_answer_citing_nothing_is_discarded() throws Exception {
        server.replyWith(reply("You can pause your coffee subscription for up to three months."));

        assertEquals(Optional.empty(), answers.write(QUESTION, Language.ENGLISH, SOURCES, drafts::add));
    }

    @Test
    void an_answer_far_longer_than_asked_is_discarded_even_when_each_sentence_is_supported() throws Exception {
        server.replyWith(reply("You can pause your coffee subscription for up to three months. ".repeat(20),
                "pause-subscription"));

        assertEquals(Optional.empty(), answers.write(QUESTION, Language.ENGLISH, SOURCES, drafts::add));
    }

    @Test
    void an_answer_that_invents_an_order_number_is_discarded() throws Exception {
        server.replyWith(reply("You can pause your coffee subscription for up to three months. "
                + "Your order 58213 will then ship on the day the pause ends.", "pause-subscription"));

        assertEquals(Optional.empty(), answers.write(QUESTION, Language.ENGLISH, SOURCES, drafts::add));
    }

    @Test
    void an_answer_with_a_sentence_the_passage_does_not_support_is_discarded() throws Exception {
        server.replyWith(reply("You can pause your coffee subscription for up to three months. "
                + "We will also send you a free bag to apologise for the wait.", "pause-subscription"));

        assertEquals(Optional.empty(), answers.write(QUESTION, Language.ENGLISH, SOURCES, drafts::add));
    }

    @Test
    void a_late_answer_is_given_up_on_within_the_budget() throws Exception {
        server.replyAfter(Duration.ofSeconds(5), reply("You can pause it.", "pause-subscription"));

        long started = System.nanoTime();
        Optional<AnswerWriter.Written> written = answers.write(QUESTION, Language.ENGLISH, SOURCES, drafts::add);
        long tookMs = (System.nanoTime() - started) / 1_000_000;

        assertEquals(Optional.empty(), written);
        assertTrue(tookMs >= 1400 && tookMs < 2500, "gave up after " + tookMs + " ms, with a budget of 1500");
    }

    @Test
    void the_answer_is_passed_on_as_the_model_streams_it_and_the_whole_reply_is_what_is_checked() throws Exception {
        String text = "Yes, you can pause your coffee subscription for up to three months.";
        server.replyWith(reply(text, "pause-subscription"));

        Optional<AnswerWriter.Written> written = answers.write(QUESTION, Language.ENGLISH, SOURCES, drafts::add);

        assertEquals(Optional.of(new AnswerWriter.Written(text, List.of("pause-subscription"))), written);
        assertTrue(new ObjectMapper().readTree(server.requests().get(0)).path("stream").asBoolean(),
                server.requests().get(0));
        List<String> grown = drafts.stream().filter(d -> !d.isEmpty()).distinct().toList();
        assertTrue(grown.size() > 3, "passed on in " + grown.size() + " steps: " + grown);
        for (int i = 1; i < grown.size(); i++) {
            assertTrue(grown.get(i).startsWith(grown.get(i - 1)), grown::toString);
        }
        assertEquals(text, grown.get(grown.size() - 1));
    }

    @Test
    void a_streamed_answer_that_fails_the_checks_was_passed_on_but_is_not_the_answer() throws Exception {
        server.replyWith(reply("Your order 48213 can be paused for three months.", "pause-subscription"));

        assertEquals(Optional.empty(), answers.write(QUESTION, Language.ENGLISH, SOURCES, drafts::add));
        assertEquals("Your order 48213 can be paused for three months.", drafts.get(drafts.size() - 1));
    }

    @Test
    void with_streaming_off_the_whole_reply_is_asked_for_and_nothing_is_passed_on_before_the_checks()
            throws Exception {
        String text = "Yes, you can pause your coffee subscription for up to three months.";
        server.replyWith(reply(text, "pause-subscription"));
        try (ModelClient whole = ModelClient.of(server.settings(Duration.ofMillis(1500)).withStreaming(false))
                .orElseThrow()) {
            Optional<AnswerWriter.Written> written = new ModelAnswers(whole, new SupportCheck(embedder, analysis))
                    .write(QUESTION, Language.ENGLISH, SOURCES, drafts::add);

            assertEquals(Optional.of(new AnswerWriter.Written(text, List.of("pause-subscription"))), written);
            assertEquals(List.of(), drafts);
            assertFalse(new ObjectMapper().readTree(server.requests().get(0)).path("stream").asBoolean(false));
        }
    }

    @Test
    void ollama_streams_the_answer_too() throws Exception {
        try (FakeChatModel ollama = FakeChatModel.start()) {
            String text = "You can pause your coffee subscription for up to three months.";
            String canned = reply(text, "pause-subscription");
            ollama.reply(request -> FakeChatModel.ollamaChat(canned));
            LlmSettings settings = LlmSettings.of("ollama", ollama.baseUrl().replace("/v1", ""), "llama3.1", null,
                    false, Duration.ofSeconds(2));
            try (ModelClient local = ModelClient.of(settings).orElseThrow()) {
                Optional<AnswerWriter.Written> written = new ModelAnswers(local, new SupportCheck(embedder, analysis))
                        .write(QUESTION, Language.ENGLISH, SOURCES, drafts::add);

                assertEquals(Optional.of(new AnswerWriter.Written(text, List.of("pause-subscription"))), written);
                assertEquals(text, drafts.get(drafts.size() - 1));
                assertTrue(drafts.size() > 3, drafts::toString);
                assertEquals("json", new ObjectMapper().readTree(ollama.requests().get(0)).path("format").asText());
            }
        }
    }

    @Test
    void malformed_json_is_discarded() {
        server.replyWith("{\"answer\": \"You can pause it.\", \"articleIds\": [\"pause-subscr");

        assertEquals(Optional.empty(), answers.write(QUESTION, Language.ENGLISH, SOURCES, drafts::add));
        assertEquals(1, server.requests().size());
    }

    @Test
    void an_error_status_is_discarded() {
        server.reply(request -> new FakeChatModel.Reply(500, "{\"error\": {\"message\": \"overloaded\"}}",
                Duration.ZERO));

        assertEquals(Optional.empty(), answers.write(QUESTION, Language.ENGLISH, SOURCES, drafts::add));
    }

    @Test
    void after_repeated_failures_the_model_is_not_called_until_the_breaker_lets_one_try() {
        server.replyWith("not json at all");
        for (int i = 0; i < ModelClient.MIN_CALLS; i++) {
            answers.write(QUESTION, Language.ENGLISH, SOURCES, drafts::add);
        }
        assertEquals(ModelClient.MIN_CALLS, server.requests().size());
        assertFalse(client.available());

        assertEquals(Optional.empty(), answers.write(QUESTION, Language.ENGLISH, SOURCES, drafts::add));
        assertEquals(ModelClient.MIN_CALLS, server.requests().size(), "the open breaker called the model");
    }

    @Test
    void a_japanese_question_never_reaches_the_model() throws Exception {
        server.replyWith(reply("You can pause it.", "pause-subscription"));

        assertEquals(Optional.empty(), answers.write("定期便を一時停止できますか？", Language.JAPANESE, SOURCES, drafts::add));
        assertEquals(List.of(), server.requests());
    }
}
