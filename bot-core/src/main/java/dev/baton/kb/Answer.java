package dev.baton.kb;

import java.util.List;

/**
 * The knowledge base's best answer to a question: the article, the passage of it that answers, how sure retrieval
 * is, and what to do with it: answer ({@code confident}), offer {@code choices} (two or three articles, best first,
 * the first being {@code article}), or neither (not sure).
 */
public record Answer(Article article, String passage, double confidence, boolean confident, List<Article> choices) {

    public Answer {
        choices = List.copyOf(choices);
    }

    public boolean offersChoices() {
        return !confident && !choices.isEmpty();
    }

    /** A question in one language answered from an article in another (a Japanese question, an English article). */
    public boolean inOtherLanguageThan(String questionLanguage) {
        return !article.language().equals(questionLanguage);
    }
}
