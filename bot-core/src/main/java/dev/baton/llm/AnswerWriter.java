package dev.baton.llm;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Writes the bot's answer in its own words from the passages retrieval found, or declines, and then the bot sends
 * the passage itself (the extractive answer). Never throws; may take up to the model's time budget.
 */
public interface AnswerWriter {
    /** No model: every answer is the passage as written. */
    AnswerWriter EXTRACTIVE = (question, language, sources, draft) -> Optional.empty();

    /** A passage retrieved for the question, and the article it is from. */
    record Source(String articleId, String title, String passage) {}

    /** An answer that passed every check, and the articles it rests on (each one of the sources). */
    record Written(String text, List<String> articleIds) {
        public Written {
            articleIds = List.copyOf(articleIds);
        }
    }

    /**
     * @param language the question's language
     * @param sources the retrieved passages, the best first
     * @param draft hears the answer's text as the model writes it, growing, before any check: it may be refused
     *     and never become the answer
     */
    Optional<Written> write(String question, String language, List<Source> sources, Consumer<String> draft);
}
