package dev.baton.widget;

import dev.baton.conversation.Message;
import dev.baton.event.EventListener;
import dev.baton.event.HandedOff;
import dev.baton.event.LoggedEvent;
import dev.baton.event.MessageCreated;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The customer sockets on this node by conversation, fed from the event feed. This is the one place that decides
 * what of a conversation's log a customer sees.
 */
public final class ChatSessions implements EventListener {
    private final Map<String, Set<ChatSocket>> byConversation = new ConcurrentHashMap<>();

    void add(String conversationId, ChatSocket socket) {
        byConversation.computeIfAbsent(conversationId, id -> ConcurrentHashMap.newKeySet()).add(socket);
    }

    void remove(String conversationId, ChatSocket socket) {
        byConversation.computeIfPresent(conversationId, (id, sockets) -> {
            sockets.remove(socket);
            return sockets.isEmpty() ? null : sockets;
        });
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

    /** What the customer sees of an event: messages and the handoff; never analyses, notes or anything else. */
    static ServerFrame customerFrame(LoggedEvent logged) {
        if (logged.event() instanceof MessageCreated created) {
            return new ServerFrame.MessageEvent(Message.of(logged, created));
        }
        if (logged.event() instanceof HandedOff handedOff) {
            return new ServerFrame.Handoff(logged.seq(), "waiting", handedOff.context().reason().code(),
                    logged.ts());
        }
        return null;
    }
}
