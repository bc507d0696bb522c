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

/**
 * The consoles connected to this node, fed from the event feed and the signals: every event of every conversation
 * reaches every console (notes included: they are the team's), with the conversation's new state and the counts.
 * A console whose session ended is closed ({@link #closeEnded}).
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
        Views.SummaryView summary = summary(logged);
        sockets.forEach(socket -> socket.deliver(frame(logged, summary, socket)));
    }

    Views.SummaryView summary(LoggedEvent logged) {
        return conversations.find(logged.conversationId()).map(c -> views.summary(c, views.team())).orElse(null);
    }

    /** The event as one console gets it: counts are per agent ("mine"). */
    AgentFrame.Event frame(LoggedEvent logged, Views.SummaryView summary, AgentSocket socket) {
        Map<String, Long> counts = new LinkedHashMap<>();
        inbox.counts(socket.agent().id()).forEach((view, count) -> counts.put(view.code(), count));
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
