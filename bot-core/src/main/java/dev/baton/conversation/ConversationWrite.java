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
 * owners allowed at that moment, a new owner, fields to set, a capacity check on the agent who gets it, the
 * customer's budget of events per minute it counts against, and a field it must move forward. The store does all of
 * it or none of it.
 *
 * @param requiredAssignee when not null, written only if this agent holds the conversation at that moment
 * @param fields fields to set; {@link #NOW} stands for the time of the write
 * @param fieldsIfAbsent fields to set only when they have no value yet
 * @param increments fields to add to
 * @param capacity when not null, refused if this agent already holds as many open conversations as it allows
 * @param reopen when not null and the conversation is resolved: appended first, and the bot owns it again
 * @param perMinute when above 0: refused if the conversation's customer events of this minute would pass it
 * @param advancing when not null: written only if it moves that field forward
 */
public record ConversationWrite(String conversationId, List<ConversationEvent> events, String clientMsgId,
        Set<Owner> allowedOwners, String requiredAssignee, Owner newOwner, Map<String, String> fields,
        Map<String, String> fieldsIfAbsent, Map<String, Long> increments, Capacity capacity,
        ConversationEvent reopen, int perMinute, Advance advancing) {

    /** A field value the store replaces with the time of the write, in epoch milliseconds. */
    public static final String NOW = "$now";

    /** At most {@code limit} open conversations for {@code agentId}, this one included. */
    public record Capacity(String agentId, int limit) {}

    /** {@code field} holds a seq; it must go to {@code seq}, which is after it and not after the last event. */
    public record Advance(String field, String seq) {}

    public ConversationWrite {
        Objects.requireNonNull(conversationId, "conversationId");
        events = List.copyOf(events);
        allowedOwners = allowedOwners.isEmpty() ? Set.of() : Set.copyOf(allowedOwners);
        fields = Map.copyOf(fields);
        fieldsIfAbsent = Map.copyOf(fieldsIfAbsent);
        increments = Map.copyOf(increments);
        if (events.stream().anyMatch(e -> !e.conversationId().equals(conversationId))) {
            throw new IllegalArgumentException("every event of a write belongs to its conversation");
        }
    }

    /** Appends these events, whoever owns the conversation. */
    public static ConversationWrite of(String conversationId, ConversationEvent... events) {
        return new ConversationWrite(conversationId, List.of(events), null, Set.of(), null, null, Map.of(), Map.of(),
                Map.of(), null, null, 0, null);
    }

    /** Only while the conversation has one of these owners; otherwise nothing is written. */
    public ConversationWrite onlyIfOwner(Owner first, Owner... more) {
        return new ConversationWrite(conversationId, events, clientMsgId, EnumSet.of(first, more), requiredAssignee,
                newOwner, fields, fieldsIfAbsent, increments, capacity, reopen, perMinute, advancing);
    }

    /** Moves the owner as {@code transition} says, only from the owners it allows. */
    public ConversationWrite through(Transition transition) {
        return new ConversationWrite(conversationId, events, clientMsgId, transition.from(), requiredAssignee,
                transition.to(), fields, fieldsIfAbsent, increments, capacity, reopen, perMinute, advancing);
    }

    public ConversationWrite setting(String field, String value) {
        return new ConversationWrite(conversationId, events, clientMsgId, allowedOwners, requiredAssignee, newOwner,
                with(fields, field, value), fieldsIfAbsent, increments, capacity, reopen, perMinute, advancing);
    }

    public ConversationWrite settingIfAbsent(String field, String value) {
        return new ConversationWrite(conversationId, events, clientMsgId, allowedOwners, requiredAssignee, newOwner,
                fields, with(fieldsIfAbsent, field, value), increments, capacity, reopen, perMinute, advancing);
    }

    public ConversationWrite incrementing(String field, long by) {
        return new ConversationWrite(conversationId, events, clientMsgId, allowedOwners, requiredAssignee, newOwner,
                fields, fieldsIfAbsent, with(increments, field, by), capacity, reopen, perMinute, advancing);
    }

    public ConversationWrite withinCapacity(String agentId, int limit) {
        return new ConversationWrite(conversationId, events, clientMsgId, allowedOwners, requiredAssignee, newOwner,
                fields, fieldsIfAbsent, increments, new Capacity(agentId, limit), reopen, perMinute, advancing);
    }

    /** Stored once per id: writing it again answers the first seq and changes nothing. */
    public ConversationWrite once(String id) {
        return new ConversationWrite(conversationId, events, id, allowedOwners, requiredAssignee, newOwner, fields,
                fieldsIfAbsent, increments, capacity, reopen, perMinute, advancing);
    }

    /** If the conversation is resolved, {@code event} is appended first and the bot owns it again. */
    public ConversationWrite reopeningWith(ConversationEvent event) {
        return new ConversationWrite(conversationId, events, clientMsgId, allowedOwners, requiredAssignee, newOwner,
                fields, fieldsIfAbsent, increments, capacity, event, perMinute, advancing);
    }

    /** Refused while another agent holds the conversation; a conversation nobody holds passes. */
    public ConversationWrite onlyIfFreeOrHeldBy(String agentId) {
        return new ConversationWrite(conversationId, events, clientMsgId, allowedOwners, agentId, newOwner, fields,
                fieldsIfAbsent, increments, capacity, reopen, perMinute, advancing);
    }

    /**
     * Counted against the customer's budget: refused (RATE_LIMITED, nothing written) when the conversation's
     * customer events of this minute, with these, would be more than {@code eventsPerMinute}.
     */
    public ConversationWrite withinCustomerBudget(int eventsPerMinute) {
        return new ConversationWrite(conversationId, events, clientMsgId, allowedOwners, requiredAssignee, newOwner,
                fields, fieldsIfAbsent, increments, capacity, reopen, eventsPerMinute, advancing);
    }

    /**
     * Only if it moves {@code field} (a seq) forward to {@code seq}, and {@code seq} is not after the conversation's
     * last event; otherwise UNCHANGED, nothing written. The field is set to {@code seq}.
     */
    public ConversationWrite onlyIfAdvancing(String field, String seq) {
        return new ConversationWrite(conversationId, events, clientMsgId, allowedOwners, requiredAssignee, newOwner,
                with(fields, field, seq), fieldsIfAbsent, increments, capacity, reopen, perMinute,
                new Advance(field, seq));
    }

    private static <V> Map<String, V> with(Map<String, V> map, String key, V value) {
        Map<String, V> more = new LinkedHashMap<>(map);
        more.put(key, value);
        return more;
    }
}
