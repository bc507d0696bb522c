package dev.baton.inbox;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The shared inbox's views, kept by the store in the same atomic step as every conversation change. */
public interface Inbox {

    /** Conversation ids of a view in its order; {@code agentId} is whose "mine" it is. */
    List<String> list(InboxView view, String agentId, int offset, int limit);

    /** How many conversations each view holds, for this agent. */
    default Map<InboxView, Long> counts(String agentId) {
        return counts(List.of(agentId)).get(agentId);
    }

    /** The counts of each of these agents, read together (the shared views once, each agent's own once). */
    Map<String, Map<InboxView, Long>> counts(Collection<String> agentIds);

    /** How many conversations an agent holds open. */
    long openCount(String agentId);
}
