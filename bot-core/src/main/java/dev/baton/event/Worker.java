package dev.baton.event;

/**
 * Does work that must happen once per event across all nodes (the bot's turns): each event goes to one node's
 * worker, and goes to another if that node dies before the work is done.
 */
@FunctionalInterface
public interface Worker {

    /**
     * Takes one event. Call {@code done} when the work is finished (or there is none): until then the event counts
     * as pending and is handed to another node if this one disappears. Return fast; never throw.
     */
    void take(LoggedEvent event, Runnable done);
}
