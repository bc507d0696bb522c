package dev.baton.widget;

import dev.baton.conversation.Message;
import dev.baton.event.EventListener;
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
        if (logged.event() instanceof MessageCreated created) {
            Message message = Message.of(logged, created);
            sockets.forEach(socket -> socket.deliver(message));
        }
    }
}
