package dev.baton.widget;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reports every {@code period} which customers have the messenger open on this node ({@link
 * ChatSessions#reportPresence()}), so that a customer counts as away on every node once no node has reported them
 * for longer than that. One daemon thread; {@link #close()} stops it.
 */
public final class PresenceReports implements AutoCloseable {
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread reporter = new Thread(task, "baton-customer-presence");
        reporter.setDaemon(true);
        return reporter;
    });

    public PresenceReports(ChatSessions sessions, Duration period) {
        thread.scheduleWithFixedDelay(sessions::reportPresence, period.toMillis(), period.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
