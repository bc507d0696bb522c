package dev.baton.kb;

import java.util.List;

/** Answers questions against the knowledge base with a draft applied, before anyone publishes it. */
public interface DraftTrials {

    /** An article that would answer, with how sure retrieval is (0-1). */
    record Candidate(String articleId, String title, double confidence) {}

    /**
     * What the bot would say: the chosen article and passage when it is sure ({@code confident}), and the best
     * candidates it weighed.
     */
    record Trial(String question, Candidate answer, String passage, boolean confident, List<Candidate> candidates) {}

    /** An answer that a draft would change: from one article to another, or to or from "not sure" (null). */
    record Change(String question, Candidate before, Candidate after) {}

    /** The question against the live articles, or with {@code draft} (nullable) in place of its published self. */
    Trial tryQuestion(String question, Article draft);

    /** The questions whose confident answer would change if {@code draft} were published. */
    List<Change> impact(Article draft, List<String> questions);
}
