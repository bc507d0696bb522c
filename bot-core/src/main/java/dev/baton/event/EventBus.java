package dev.baton.event;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hands each event read from the feed to every listener of this node; one faulty listener can't starve the rest. */
public final class EventBus {
    private static final Logger log = LoggerFactory.getLogger(EventBus.class);

    private final List<EventListener> listeners = new CopyOnWriteArrayList<>();

    public void subscribe(EventListener listener) {
        listeners.add(listener);
    }

    public void publish(LoggedEvent event) {
        for (EventListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                log.error("Listener {} failed on event {} of conversation {}", listener, event.seq(),
                        event.conversationId(), e);
            }
        }
    }
}
