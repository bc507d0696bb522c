package dev.baton.event;

import dev.baton.conversation.Seq;

/**
 * An event as read back from a conversation's log: its position ({@code seq}), the node that wrote it, and the
 * event. The time is the one Redis put into the stream id. Read from the cross-node feed, it also has its position
 * there ({@code feedId}), which consoles resume from.
 */
public record LoggedEvent(String seq, String origin, ConversationEvent event, String feedId) {

    public LoggedEvent(String seq, String origin, ConversationEvent event) {
        this(seq, origin, event, null);
    }

    public long ts() {
        return Seq.millis(seq);
    }

    public String conversationId() {
        return event.conversationId();
    }
}
