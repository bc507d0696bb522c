package dev.baton.kb;

import java.util.List;

/** The questions the bot could not answer well, kept so admins can write the articles that are missing. */
public interface ContentGaps {
    /** How many are kept. */
    int KEPT = 5_000;

    /**
     * A question the bot failed.
     *
     * @param why "not_sure" (no article was close enough) or "not_helpful" (the customer said the answer did not help)
     */
    record Gap(String question, String language, String why, String conversationId, long at) {}

    /** Questions that are alike (by meaning), as one gap to fill. */
    record GapGroup(int count, long latestAt, List<String> questions, int notSure, int notHelpful) {}

    void record(Gap gap);

    /** Newest first, at most {@code limit}. */
    List<Gap> latest(int limit);
}
