package dev.baton.conversation;

import dev.baton.event.ConversationEvent;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One atomic write to a conversation: the events it appends, and optionally a client message id (stored once), the
 * owners allowed at that moment, a new owner and fields to set. The store does all of it or none of it.
 */
public record ConversationWrite(String conversationId, List<ConversationEvent> events, String clientMsgId,
        Set<Owner> allowedOwners, Owner newOwner, Map<String, String> fields) {

    public ConversationWrite {
        Objects.requireNonNull(conversationId, "conversationId");
        events = List.copyOf(events);
        allowedOwners = allowedOwners.isEmpty() ? Set.of() : Set.copyOf(allowedOwners);
        fields = Map.copyOf(fields);
        if (events.stream().anyMatch(e -> !e.conversationId().equals(conversationId))) {
            throw new IllegalArgumentException("every event of a write belongs to its conversation");
        }
    }

    /** Appends these events, whoever owns the conversation. */
    public static ConversationWrite of(String conversationId, ConversationEvent... events) {
        return new ConversationWrite(conversationId, List.of(events), null, Set.of(), null, Map.of());
    }

    /** Only while the conversation has one of these owners; otherwise nothing is written. */
    public ConversationWrite onlyIfOwner(Owner first, Owner... more) {
        return new ConversationWrite(conversationId, events, clientMsgId, EnumSet.of(first, more), newOwner, fields);
    }

    /** Moves the owner as {@code transition} says, only from the owners it allows. */
    public ConversationWrite through(Transition transition) {
        return new ConversationWrite(conversationId, events, clientMsgId, transition.from(), transition.to(), fields);
    }

    public ConversationWrite setting(String field, String value) {
        Map<String, String> more = new LinkedHashMap<>(fields);
        more.put(field, value);
        return new ConversationWrite(conversationId, events, clientMsgId, allowedOwners, newOwner, more);
    }

    /** Stored once per id: writing it again answers the first seq and changes nothing. */
    public ConversationWrite once(String id) {
        return new ConversationWrite(conversationId, events, id, allowedOwners, newOwner, fields);
    }
}
