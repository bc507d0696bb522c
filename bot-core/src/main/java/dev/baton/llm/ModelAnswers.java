package dev.baton.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.kb.Language;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers written by the language model from the retrieved passages alone, kept only when grounded: the reply must
 * be {@code {"answer": "...", "articleIds": [...]}}, cite at least one passage and only passages it was given, and
 * pass the {@link SupportCheck}. Anything else is declined, and the bot sends the passage. Only English questions
 * answered from English passages go to the model, since the support check reads English only. The reply is
 * streamed: its answer's text is passed on as it grows, before it is checked.
 */
public final class ModelAnswers implements AnswerWriter {
    private static final Logger log = LoggerFactory.getLogger(ModelAnswers.class);
    /**
     * Four short sentences, as the instructions ask, with room to spare; a longer answer is not what was asked for,
     * and every sentence of it would be embedded to be checked.
     */
    static final int MAX_ANSWER_CHARS = 800;
    static final String INSTRUCTIONS = """
            You answer a customer's question for a support team, using only the numbered passages you are given. \
            Each passage starts with the id of its article in square brackets.
            Rules:
            - Say only what the passages say. Add no facts, numbers, promises, links or advice of your own.
            - Answer in plain, friendly English, in one to four short sentences; no greeting, no sign-off.
            - If the passages do not answer the question, answer with an empty string.
            Reply with one JSON object and nothing else: {"answer": "...", "articleIds": ["..."]}, where articleIds \
            names the articles whose passages you used.""";

    private final ModelClient model;
    private final SupportCheck check;
    private final ObjectMapper json = new ObjectMapper();

    public ModelAnswers(ModelClient model, SupportCheck check) {
        this.model = model;
        this.check = check;
    }

    @Override
    public Optional<Written> write(String question, String language, List<Source> sources, Consumer<String> draft) {
        if (!Language.ENGLISH.equals(language) || sources.isEmpty()
                || sources.stream().anyMatch(s -> !Language.ENGLISH.equals(Language.detect(s.passage())))) {
            return Optional.empty();
        }
        return model.streamJson(INSTRUCTIONS, prompt(question, sources), reply -> draft.accept(AnswerSoFar.of(reply)),
                this::read).flatMap(reply -> grounded(reply, sources));
    }

    /** What the model is sent besides the instructions: the passages with their article ids, and the question. */
    static String prompt(String question, List<Source> sources) {
        return "Passages:\n" + numbered(sources) + "Question: " + question;
    }

    /** Passages as prompts list them: numbered, each with its article's id in brackets and its title. */
    static String numbered(List<Source> sources) {
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < sources.size(); i++) {
            Source source = sources.get(i);
            list.append(i + 1).append(". [").append(source.articleId()).append("] ").append(source.title())
                    .append('\n').append(source.passage()).append("\n\n");
        }
        return list.toString();
    }

    /** The reply's fields; throws on anything that is not the object asked for (it counts against the model). */
    private Written read(String reply) {
        try {
            JsonNode node = json.readTree(JsonReplies.unfenced(reply));
            JsonNode answer = node.path("answer");
            JsonNode ids = node.path("articleIds");
            if (!answer.isTextual() || !ids.isArray()) {
                throw new IllegalArgumentException("not {\"answer\": text, \"articleIds\": [...]}");
            }
            List<String> cited = new ArrayList<>();
            ids.forEach(id -> cited.add(id.asText()));
            return new Written(answer.asText().strip(), cited);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
    }

    private Optional<Written> grounded(Written reply, List<Source> sources) {
        Set<String> retrieved = new LinkedHashSet<>();
        sources.forEach(source -> retrieved.add(source.articleId()));
        Set<String> cited = new LinkedHashSet<>(reply.articleIds());
        String refused;
        if (reply.text().isEmpty()) {
            refused = "it did not answer";
        } else if (reply.text().length() > MAX_ANSWER_CHARS) {
            refused = "it is longer than " + MAX_ANSWER_CHARS + " characters";
        } else if (cited.isEmpty()) {
            refused = "it cited no article";
        } else if (!retrieved.containsAll(cited)) {
            refused = "it cited an article that was not retrieved: " + reply.articleIds();
        } else {
            List<String> used = sources.stream().filter(s -> cited.contains(s.articleId())).map(Source::passage)
                    .toList();
            refused = check.unsupported(reply.text(), used).orElse(null);
        }
        if (refused != null) {
            log.info("The model's answer was not sent ({}); the passage was", refused);
            return Optional.empty();
        }
        // In the order retrieval ranked them, the best first, as citations are shown.
        return Optional.of(new Written(reply.text(), retrieved.stream().filter(cited::contains).toList()));
    }
}
