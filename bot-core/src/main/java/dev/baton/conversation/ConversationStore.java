package dev.baton.conversation;

import dev.baton.event.ConversationEvent;
import dev.baton.event.LoggedEvent;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where conversations and their logs live. Appends are atomic: the idempotency check, the owner check and the
 * write happen as one step, so concurrent writers can never slip an event past a change of owner.
 */
public interface ConversationStore {

    /** Stores a new conversation; it disappears after {@code ttlUntilFirstEvent} unless something is appended. */
    void create(Conversation conversation, String resumeTokenHash, Duration ttlUntilFirstEvent);

    Optional<Conversation> find(String conversationId);

    Optional<String> resumeTokenHash(String conversationId);

    /** Gives a still-empty conversation another {@code ttl}; a conversation with events is kept anyway. */
    void keepAlive(String conversationId, Duration ttl);

    /**
     * Appends an event to the conversation's log and to the cross-node feed.
     *
     * @param clientMsgId when not null, a second append with the same id stores nothing and returns the first seq
     * @param requiredOwner when not null, the append happens only if the conversation has this owner at that moment
     */
    AppendResult append(ConversationEvent event, String origin, String clientMsgId, Owner requiredOwner);

    /** The events after {@code afterSeq} (all of them when null), oldest first. */
    List<LoggedEvent> eventsAfter(String conversationId, String afterSeq);
}
