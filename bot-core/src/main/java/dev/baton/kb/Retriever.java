package dev.baton.kb;

import java.util.List;

/** Finds the articles that answer a question. Implementations are thread-safe; index changes are visible at once. */
public interface Retriever {

    void index(Article article);

    void remove(String articleId);

    /** The best matches, best first; empty when nothing matches at all. */
    List<Match> search(String question, int limit);
}
