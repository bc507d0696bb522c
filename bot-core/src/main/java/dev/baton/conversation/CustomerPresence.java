package dev.baton.conversation;

import java.util.Collection;
import java.util.OptionalLong;

/**
 * When each conversation's customer last had the messenger open, on any node: every node reports the conversations
 * it holds a customer socket of (at connect, at close, and every few seconds in between), so a conversation nobody
 * reported for a while has nobody reading it. Thread-safe.
 */
public interface CustomerPresence {

    /** A customer socket of each of these conversations is open on this node now (or just closed). */
    void seen(Collection<String> conversationIds);

    /** When a customer socket of the conversation was last open on any node, epoch ms; empty when never. */
    OptionalLong lastSeen(String conversationId);
}
