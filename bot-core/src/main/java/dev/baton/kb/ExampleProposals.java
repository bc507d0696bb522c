package dev.baton.kb;

import java.util.List;
import java.util.Optional;

/**
 * Customer questions proposed as example questions of an article, learnt from conversations, waiting for an admin:
 * nothing is added to an article until an admin accepts it.
 */
public interface ExampleProposals {
    /** How many are kept at most (the oldest go first). */
    int KEPT = 500;

    /**
     * @param source "picked" (the customer picked the article among the bot's choices) or "agent_link" (an agent
     *     answered a question the bot was not sure of with a link to the article)
     */
    record Proposal(String id, String question, String language, String articleId, String source,
            String conversationId, long at) {}

    /** Adds it, unless the same question is already proposed for the same article. */
    void propose(Proposal proposal);

    /** Newest first. */
    List<Proposal> pending(int limit);

    Optional<Proposal> find(String id);

    void remove(String id);
}
