package dev.baton.conversation;

import java.util.Collection;
import java.util.OptionalLong;

/**
 * When each conversation's customer last had the messenger open, on any node: every node reports the conversations
 * it holds a customer socket of (at connect, at close, and every few seconds in between), so a conversation nobody
 * reported for a while has nobody reading it. Only email asks (is the customer away?): with email off it is
 * {@link #NONE}, and nothing is written. Thread-safe.
 */
public interface CustomerPresence {
    /** Keeps nothing and has never seen anyone: with email off nothing needs to know. */
    CustomerPresence NONE = new CustomerPresence() {
        @Override
        public void seen(Collection<String> conversationIds) {}

        @Override
        public void forgetLongAway() {}

        @Override
        public OptionalLong lastSeen(String conversationId) {
            return OptionalLong.empty();
        }
    };

    /** A customer socket of each of these conversations is open on this node now (or just closed). */
    void seen(Collection<String> conversationIds);

    /** Forgets customers away so long that an absent mark says as much; called with the periodic reports. */
    void forgetLongAway();

    /** When a customer socket of the conversation was last open on any node, epoch ms; empty when never. */
    OptionalLong lastSeen(String conversationId);
}
