package dev.baton.inbox;

import java.util.List;
import java.util.Map;

/** The shared inbox's views, kept by the store in the same atomic step as every conversation change. */
public interface Inbox {

    /** Conversation ids of a view in its order; {@code agentId} is whose "mine" it is. */
    List<String> list(InboxView view, String agentId, int offset, int limit);

    /** How many conversations each view holds, for this agent. */
    Map<InboxView, Long> counts(String agentId);

    /** How many conversations an agent holds open. */
    long openCount(String agentId);
}
