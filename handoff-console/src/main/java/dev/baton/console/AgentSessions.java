package dev.baton.console;

import dev.baton.access.SessionStore;
import dev.baton.conversation.ConversationService;
import dev.baton.event.EventListener;
import dev.baton.event.LoggedEvent;
import dev.baton.event.Signal;
import dev.baton.inbox.Inbox;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The consoles connected to this node, fed from the event feed and the signals: every event of every conversation
 * reaches every console (notes included: they are the team's), with the conversation's new state and the counts.
 * What an event changes is read once for all the consoles (one summary, one pipelined read of every connected
 * agent's counts), however many are connected: the feed thread makes no Redis call per socket. A console whose
 * session ended is closed ({@link #closeEnded}).
 */
public final class AgentSessions implements EventListener {
    private final Set<AgentSocket> sockets = ConcurrentHashMap.newKeySet();
    private final ConversationService conversations;
    private final Inbox inbox;
    private final Views views;

    public AgentSessions(ConversationService conversations, Inbox inbox, Views views) {
        this.conversations = conversations;
        this.inbox = inbox;
        this.views = views;
    }

    void add(AgentSocket socket) {
        sockets.add(socket);
    }

    void remove(AgentSocket socket) {
        sockets.remove(socket);
    }

    /**
     * Closes every console of this node whose session is over (logged out, expired, deactivated, password changed),
     * with the reason as the close reason. One read of the session store for all of them.
     */
    public void closeEnded(SessionStore store) {
        List<AgentSocket> open = List.copyOf(sockets);
        if (open.isEmpty()) {
            return;
        }
        Map<String, SessionStore.Ending> ended = store.ended(open.stream().map(AgentSocket::sessionId)
                .distinct().toList());
        for (AgentSocket socket : open) {
            SessionStore.Ending why = ended.get(socket.sessionId());
            if (why != null) {
                sockets.remove(socket);
                socket.sessionEnded(why.code());
            }
        }
    }

    @Override
    public void onEvent(LoggedEvent logged) {
        if (sockets.isEmpty() || logged.feedId() == null) {
            return;
        }
        List<AgentSocket> open = List.copyOf(sockets);
        Views.SummaryView summary = summary(logged);
        Map<String, Map<String, Long>> counts = counts(open);
        open.forEach(socket -> socket.deliver(frame(logged, summary, counts.get(socket.agent().id()))));
    }

    Views.SummaryView summary(LoggedEvent logged) {
        return conversations.find(logged.conversationId()).map(c -> views.summary(c, views.team())).orElse(null);
    }

    /** The inbox counts of the agents of these consoles, by agent id, in one read: counts are per agent ("mine"). */
    Map<String, Map<String, Long>> counts(List<AgentSocket> consoles) {
        Set<String> agentIds = consoles.stream().map(socket -> socket.agent().id()).collect(Collectors.toSet());
        Map<String, Map<String, Long>> byAgent = new LinkedHashMap<>();
        inbox.counts(agentIds).forEach((agentId, counts) -> {
            Map<String, Long> byCode = new LinkedHashMap<>();
            counts.forEach((view, count) -> byCode.put(view.code(), count));
            byAgent.put(agentId, byCode);
        });
        return byAgent;
    }

    /** The event as one console gets it, with that console's agent's counts. */
    AgentFrame.Event frame(LoggedEvent logged, Views.SummaryView summary, Map<String, Long> counts) {
        return new AgentFrame.Event(logged.feedId(), logged.conversationId(), logged.seq(), logged.event().type(),
                summary, counts);
    }

    /** Typing of customers and presence changes, for every console. */
    public void onSignal(Signal signal) {
        if ("typing".equals(signal.kind()) && "customer".equals(signal.who())) {
            var frame = new AgentFrame.Typing(signal.conversationId(), "customer", Boolean.TRUE.equals(signal.typing()));
            sockets.forEach(socket -> socket.signal(frame));
        } else if ("presence".equals(signal.kind())) {
            var frame = new AgentFrame.PresenceChanged(signal.agentId(), signal.presence());
            sockets.forEach(socket -> socket.signal(frame));
        }
    }
}
