package dev.baton.console;

import dev.baton.access.SessionStore;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes this node's console sockets soon after their session ends, whichever node ended it and however: a logout,
 * a deactivation or a password change anywhere, or the session expiring. Every {@link #EVERY} it asks the session
 * store about all of this node's sockets at once; one daemon thread, stopped by {@link #close()}.
 */
public final class SessionWatch implements AutoCloseable {
    static final Duration EVERY = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(SessionWatch.class);

    private final AgentSessions consoles;
    private final SessionStore sessions;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "baton-session-watch");
        thread.setDaemon(true);
        return thread;
    });

    public SessionWatch(AgentSessions consoles, SessionStore sessions) {
        this.consoles = consoles;
        this.sessions = sessions;
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::check, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void check() {
        try {
            consoles.closeEnded(sessions);
        } catch (RuntimeException e) {
            log.warn("Could not check the consoles' sessions; trying again in {} s: {}", EVERY.toSeconds(),
                    e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
