package dev.baton.widget;

import dev.baton.conversation.Author;
import dev.baton.conversation.CustomerPresence;
import dev.baton.conversation.Message;
import dev.baton.conversation.Owner;
import dev.baton.event.AgentJoined;
import dev.baton.event.CsatSubmitted;
import dev.baton.event.EventListener;
import dev.baton.event.MessageRead;
import dev.baton.event.Reopened;
import dev.baton.event.Resolved;
import dev.baton.event.ReturnedToBot;
import dev.baton.event.Signal;
import dev.baton.event.HandedOff;
import dev.baton.event.LoggedEvent;
import dev.baton.event.MessageCreated;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The customer sockets on this node by conversation, fed from the event feed. This is the one place that decides
 * what of a conversation's log a customer sees.
 */
public final class ChatSessions implements EventListener {
    private static final Logger log = LoggerFactory.getLogger(ChatSessions.class);

    private final Map<String, Set<ChatSocket>> byConversation = new ConcurrentHashMap<>();
    private final CustomerPresence presence;

    /** @param presence told when a customer connects and leaves, and by {@link #reportPresence()} in between */
    public ChatSessions(CustomerPresence presence) {
        this.presence = presence;
    }

    void add(String conversationId, ChatSocket socket) {
        byConversation.computeIfAbsent(conversationId, id -> ConcurrentHashMap.newKeySet()).add(socket);
        report(List.of(conversationId));
    }

    void remove(String conversationId, ChatSocket socket) {
        byConversation.computeIfPresent(conversationId, (id, sockets) -> {
            sockets.remove(socket);
            return sockets.isEmpty() ? null : sockets;
        });
        report(List.of(conversationId)); // the moment they left
    }

    /**
     * Tells every node which customers have the messenger open here now, and forgets those long away; called every
     * few seconds.
     */
    public void reportPresence() {
        report(List.copyOf(byConversation.keySet()));
        try {
            presence.forgetLongAway();
        } catch (RuntimeException e) {
            log.warn("Could not forget customers long away: {}", e.toString());
        }
    }

    private void report(List<String> conversationIds) {
        try {
            presence.seen(conversationIds);
        } catch (RuntimeException e) {
            // Presence only decides whether replies are also emailed; the chat goes on without it.
            log.warn("Could not record customer presence: {}", e.toString());
        }
    }

    /** How many customer sockets this node serves; for health and metrics. */
    public int size() {
        return byConversation.values().stream().mapToInt(Set::size).sum();
    }

    @Override
    public void onEvent(LoggedEvent logged) {
        Set<ChatSocket> sockets = byConversation.get(logged.conversationId());
        if (sockets == null) {
            return;
        }
        ServerFrame frame = customerFrame(logged);
        if (frame != null) {
            sockets.forEach(socket -> socket.deliver(logged.seq(), frame));
        }
    }

    /**
     * What the customer sees of an event: messages, the handoff, who joined, changes of owner and the team's read
     * position; never analyses, notes, transfers or agent ids. The one place that decides this.
     */
    static ServerFrame customerFrame(LoggedEvent logged) {
        var event = logged.event();
        if (event instanceof MessageCreated created) {
            Message message = Message.of(logged, created);
            return new ServerFrame.MessageEvent(new Message(message.seq(), message.author().forCustomers(),
                    message.text(), message.ts(), message.citations(), message.confidence(), message.clientMsgId(),
                    message.choices()));
        }
        if (event instanceof HandedOff handedOff) {
            var availability = handedOff.availability();
            return new ServerFrame.Handoff(logged.seq(), "waiting", handedOff.context().reason().code(),
                    logged.ts(), availability == null || availability.answersSoon(),
                    availability == null ? 0 : availability.replyMinutes(),
                    availability == null || availability.backAt() == null ? null
                            : availability.backAt().format(DateTimeFormatter.ISO_ZONED_DATE_TIME));
        }
        if (event instanceof AgentJoined joined) {
            return new ServerFrame.AgentJoinedFrame(logged.seq(),
                    new ServerFrame.Agent(joined.agent().name(), joined.agent().avatarUrl()), logged.ts());
        }
        if (event instanceof Resolved) {
            return new ServerFrame.Status(logged.seq(), Owner.RESOLVED, logged.ts());
        }
        if (event instanceof ReturnedToBot || (event instanceof Reopened reopened
                && "customer".equals(reopened.by()))) {
            return new ServerFrame.Status(logged.seq(), Owner.BOT, logged.ts());
        }
        if (event instanceof CsatSubmitted csat) {
            return new ServerFrame.Rated(logged.seq(), csat.rating());
        }
        if (event instanceof MessageRead read && !"customer".equals(read.by())) {
            return new ServerFrame.Seen(read.seq());
        }
        return null;
    }

    /** An agent typing in a conversation, or a piece of the bot's answer being written: its customer sees it. */
    public void onSignal(Signal signal) {
        ServerFrame frame;
        if ("typing".equals(signal.kind()) && "agent".equals(signal.who())) {
            frame = new ServerFrame.Typing("agent", signal.name(), Boolean.TRUE.equals(signal.typing()));
        } else if ("draft".equals(signal.kind()) && signal.replyTo() != null && signal.offset() != null
                && signal.text() != null) {
            frame = new ServerFrame.Draft(signal.replyTo(), signal.offset(), signal.text(),
                    Author.bot(signal.name()));
        } else {
            return;
        }
        Set<ChatSocket> sockets = byConversation.get(signal.conversationId());
        if (sockets != null) {
            sockets.forEach(socket -> socket.send(frame));
        }
    }
}
