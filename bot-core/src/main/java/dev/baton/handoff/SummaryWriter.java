package dev.baton.handoff;

import dev.baton.conversation.Customer;
import dev.baton.conversation.Message;
import java.util.List;
import java.util.Optional;

/**
 * Writes the handoff's three-line summary in a language model's words, or declines, and then the agent gets the
 * extractive summary. Never throws; may take up to the model's time budget.
 */
public interface SummaryWriter {
    /** No model: the summary quotes the customer (see {@link HandoffContextBuilder}). */
    SummaryWriter EXTRACTIVE = (customer, transcript, reason) -> Optional.empty();

    /**
     * @return three lines, as the extractive summary has them (the goal, what was tried, what they want now),
     *     checked against the transcript
     */
    Optional<List<String>> summarize(Customer customer, List<Message> transcript, Reason reason);
}
