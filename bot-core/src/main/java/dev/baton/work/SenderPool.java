package dev.baton.work;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * The threads that send work leased from a due queue (webhook deliveries, outgoing mail), and the count of attempts
 * they hold, sending or waiting for a thread: {@link #takeAndHand} leases no more than there is room for, so none
 * waits here past its lease while another node could do it. Threads: {@code threads} daemons; {@link #close()} stops
 * them, and attempts in flight are abandoned (taken again after their lease).
 *
 * @param <T> one leased piece of work
 */
public final class SenderPool<T> implements AutoCloseable {
    private final ExecutorService senders;
    private final int maxHeld;
    private final Consumer<T> attempt;
    /** Attempts handed to the senders and not over yet. */
    private final AtomicInteger held = new AtomicInteger();

    /**
     * @param maxHeld the most attempts held at once: as many as the senders finish within a lease at worst
     * @param attempt does one attempt; never throws
     */
    public SenderPool(String name, int threads, int maxHeld, Consumer<T> attempt) {
        this.senders = Executors.newFixedThreadPool(threads, daemons(name));
        this.maxHeld = maxHeld;
        this.attempt = attempt;
    }

    /** Leases work with {@code takeDue} (given how much at most) and hands it out until there is no room or no work. */
    public void takeAndHand(IntFunction<List<T>> takeDue) {
        int room;
        List<T> due;
        do {
            room = maxHeld - held.get();
            due = room > 0 ? takeDue.apply(room) : List.of();
            due.forEach(this::hand);
        } while (room > 0 && due.size() == room);
    }

    /** Gives leased work to the senders; work left waiting for them is done after the next look, or its lease. */
    private void hand(T work) {
        held.incrementAndGet();
        try {
            senders.execute(() -> {
                try {
                    attempt.accept(work);
                } finally {
                    held.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException stopping) {
            held.decrementAndGet(); // closed: taken again after its lease
        }
    }

    public boolean isShutdown() {
        return senders.isShutdown();
    }

    /** Daemon threads named {@code name-1}, {@code name-2}, … */
    public static ThreadFactory daemons(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Stops the senders, interrupting attempts in flight, and waits up to two seconds for them. */
    @Override
    public void close() {
        senders.shutdownNow();
        try {
            senders.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
