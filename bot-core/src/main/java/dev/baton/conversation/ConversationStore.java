package dev.baton.conversation;

import dev.baton.event.LoggedEvent;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where conversations and their logs live. Appends are atomic: the idempotency check, the owner check and the
 * write happen as one step, so concurrent writers can never slip an event past a change of owner.
 */
public interface ConversationStore {

    /**
     * Stores a new conversation; it disappears after {@code ttlUntilFirstEvent} unless something is appended, and
     * until then nothing else points to it (its visitor's and user's history find it from its first event on).
     */
    void create(Conversation conversation, String resumeTokenHash, Duration ttlUntilFirstEvent);

    Optional<Conversation> find(String conversationId);

    /** The conversations that exist among these ids, in the same order, in one round trip. */
    List<Conversation> findAll(List<String> conversationIds);

    Optional<String> resumeTokenHash(String conversationId);

    /** Updates who the customer is; no event, nothing else changes. */
    void identify(String conversationId, Customer customer);

    /** A visitor's conversations with events, newest first. */
    List<Conversation> ofVisitor(String visitorId, int limit);

    /** A verified user's conversations with events, on any device, newest first. */
    List<Conversation> ofUser(String userId, int limit);

    /** Gives a still-empty conversation another {@code ttl}; a conversation with events is kept anyway. */
    void keepAlive(String conversationId, Duration ttl);

    /** Does the write, all of it or none of it: its events go to the conversation's log and the cross-node feed. */
    AppendResult write(ConversationWrite write, String origin);

    /** The event at exactly {@code seq}, if there is one. */
    Optional<LoggedEvent> eventAt(String conversationId, String seq);

    /** The events after {@code afterSeq} (all of them when null), oldest first. */
    List<LoggedEvent> eventsAfter(String conversationId, String afterSeq);
}
