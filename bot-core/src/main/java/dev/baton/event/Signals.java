package dev.baton.event;

import java.util.function.Consumer;

/** Passing signals between nodes (typing, presence): fire and forget, heard by every node's subscribers. */
public interface Signals {

    void publish(Signal signal);

    /** Called on the signals' thread for every signal, this node's own included: return fast, never throw. */
    void subscribe(Consumer<Signal> subscriber);
}
