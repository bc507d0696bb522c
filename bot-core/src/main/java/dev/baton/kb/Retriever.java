package dev.baton.kb;

import java.util.Collection;
import java.util.List;

/** Finds the articles that answer a question. Implementations are thread-safe; index changes are visible at once. */
public interface Retriever {

    /** Prepares a question once (language, embedding) for {@link #search} and {@link #unitSimilarities}. */
    Question prepare(String text);

    /** Adds or replaces articles; a batch is indexed in one go, which is much faster than one by one. */
    void index(Collection<Article> articles);

    void remove(String articleId);

    /** The best matches in the question's language, best first; empty when nothing matches at all. */
    List<Match> search(Question question, int limit);

    /** The question's similarity to each unit of {@link ArticleText#of} the article, or null when unknown. */
    double[] unitSimilarities(String articleId, Question question);
}
