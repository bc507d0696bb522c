package dev.baton.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.access.SessionStore;
import dev.baton.routing.AgentRole;
import dev.baton.testing.FixtureArticles;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sessions end when unused for the idle time and, used or not, at their absolute lifetime; their console sockets
 * close then (with lifetimes of seconds, so the test is quick).
 */
class SessionLifetimeTest {
    private static final String PASSWORD = "correct horse battery";
    private static final Duration IDLE = Duration.ofSeconds(2);
    private static final Duration ABSOLUTE = Duration.ofSeconds(5);
    private static TestApp baton;

    @BeforeAll
    static void start() {
        baton = new TestApp(FixtureArticles.all(), config -> config.withSessions(
                new SessionStore.Lifetimes(IDLE, ABSOLUTE)));
    }

    @AfterAll
    static void stop() {
        baton.close();
    }

    @Test
    void a_session_left_unused_ends_and_its_socket_closes() {
        baton.addAgent("uma@test.example", "Uma Lind", AgentRole.AGENT, 5, PASSWORD);
        ConsoleApi browser = ConsoleApi.loggedIn(baton.port(), "uma@test.example", PASSWORD);
        AgentClient socket = AgentClient.of(baton.port(), browser).open();
        socket.hello(null);

        assertEquals("4401 session_expired", socket.awaitClose(IDLE.toMillis() + 3_000));
        assertEquals(401, browser.get("/api/me").status());
    }

    @Test
    void a_session_in_use_still_ends_at_its_absolute_lifetime() throws InterruptedException {
        baton.addAgent("vic@test.example", "Vic Dahl", AgentRole.AGENT, 5, PASSWORD);
        long loggedInAt = System.nanoTime();
        ConsoleApi browser = ConsoleApi.loggedIn(baton.port(), "vic@test.example", PASSWORD);
        AgentClient socket = AgentClient.of(baton.port(), browser).open();
        socket.hello(null);

        // Used every half second, well within the idle time, for longer than the idle time.
        while (System.nanoTime() - loggedInAt < IDLE.plusSeconds(1).toNanos()) {
            assertEquals(200, browser.get("/api/me").status(), "in use, within its lifetime");
            Thread.sleep(500);
        }
        String closed = socket.awaitClose(ABSOLUTE.toMillis() + 3_000);
        long lived = Duration.ofNanos(System.nanoTime() - loggedInAt).toMillis();

        assertEquals("4401 session_expired", closed);
        assertTrue(lived >= ABSOLUTE.toMillis() - 1_000, "closed after " + lived + " ms");
        assertEquals(401, browser.get("/api/me").status());
    }
}
