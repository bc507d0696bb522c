package dev.baton.event;

/**
 * Hears every event stored by any node, in log order per conversation. Called on the feed's thread: return fast
 * (hand slow work to an executor) and never throw.
 */
@FunctionalInterface
public interface EventListener {

    void onEvent(LoggedEvent event);
}
