package dev.baton.kb;

import java.util.List;

/** The latest questions customers asked the bot, to replay against a draft before it is published. */
public interface RecentQuestions {
    /** How many are kept. */
    int KEPT = 3_000;

    void record(String question);

    /** Newest first, at most {@code limit}. */
    List<String> latest(int limit);
}
