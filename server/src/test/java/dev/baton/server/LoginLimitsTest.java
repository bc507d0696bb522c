package dev.baton.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.access.TrustedProxies;
import dev.baton.routing.AgentRole;
import dev.baton.testing.FixtureArticles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Login limits over real HTTP: counted before the password is checked, per email and address and per address, with
 * the client's address and scheme taken from X-Forwarded-* only when a trusted proxy sent them.
 */
class LoginLimitsTest {
    private static final String PASSWORD = "correct horse battery";
    /** Behind a proxy on the loopback (the tests' own address), as a deployment behind nginx is. */
    private static TestApp proxied;
    /** Trusting nobody: whatever X-Forwarded-* a client writes is ignored. */
    private static TestApp direct;

    @BeforeAll
    static void start() {
        proxied = new TestApp(FixtureArticles.all(), config -> config.withAdmin("admin@test.example", PASSWORD)
                .withTrustedProxies(TrustedProxies.of(List.of("127.0.0.1", "::1"))));
        direct = new TestApp(FixtureArticles.all(), config -> config.withAdmin("admin@test.example", PASSWORD));
    }

    @AfterAll
    static void stop() {
        proxied.close();
        direct.close();
    }

    /** A browser at {@code address} reaching Baton through the proxy. */
    private static ConsoleApi from(String address) {
        return new ConsoleApi(proxied.port()).withHeader("X-Forwarded-For", address);
    }

    @Test
    void many_wrong_guesses_at_once_get_no_more_tries_than_the_limit() throws Exception {
        proxied.addAgent("erin@test.example", "Erin Park", AgentRole.AGENT, 5, PASSWORD);
        int guesses = 40;
        ExecutorService pool = Executors.newFixedThreadPool(guesses);
        CountDownLatch ready = new CountDownLatch(guesses);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < guesses; i++) {
                String guess = "wrong guess " + i;
                statuses.add(pool.submit(() -> {
                    ConsoleApi attacker = from("203.0.113.50");
                    ready.countDown();
                    go.await();
                    return attacker.login("erin@test.example", guess).status();
                }));
            }
            ready.await();
            go.countDown();
            Map<Integer, Integer> counts = new TreeMap<>();
            for (Future<Integer> status : statuses) {
                counts.merge(status.get(), 1, Integer::sum);
            }

            assertEquals(Map.of(401, 5, 429, guesses - 5), counts, "only five guesses were checked");
            var right = from("203.0.113.50").login("erin@test.example", PASSWORD);
            assertEquals(429, right.status(), "the right password from there waits too");
            assertTrue(Long.parseLong(right.raw().headers().firstValue("Retry-After").orElseThrow()) > 0);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void guesses_from_one_address_do_not_lock_the_admin_out_from_their_own() {
        List<Integer> attacker = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            attacker.add(from("198.51.100.66").login("admin@test.example", "guess " + i).status());
        }

        assertEquals(List.of(401, 401, 401, 401, 401, 429, 429, 429), attacker);
        assertEquals(200, from("192.0.2.10").login("admin@test.example", PASSWORD).status(),
                "the admin, at another address, gets in");
    }

    @Test
    void one_address_trying_many_emails_is_limited_too() {
        proxied.addAgent("finn@test.example", "Finn Cole", AgentRole.AGENT, 5, PASSWORD);
        for (int i = 0; i < 30; i++) {
            assertEquals(401, from("192.0.2.77").login("nobody" + i + "@test.example", PASSWORD).status());
        }

        assertEquals(429, from("192.0.2.77").login("finn@test.example", PASSWORD).status());
        assertEquals(200, from("192.0.2.78").login("finn@test.example", PASSWORD).status());
    }

    @Test
    void a_right_password_does_not_count_against_the_address() {
        proxied.addAgent("gus@test.example", "Gus Hale", AgentRole.AGENT, 5, PASSWORD);
        // An office behind one address: many logins that succeed are no attack.
        for (int i = 0; i < 40; i++) {
            assertEquals(200, from("192.0.2.90").login("gus@test.example", PASSWORD).status(), "login " + i);
        }
    }

    @Test
    void forwarded_headers_from_anyone_but_a_trusted_proxy_are_ignored() {
        direct.addAgent("hana@test.example", "Hana Ito", AgentRole.AGENT, 5, PASSWORD);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            // A client that writes a new address each time is still the one address it connects from.
            statuses.add(new ConsoleApi(direct.port()).withHeader("X-Forwarded-For", "203.0.113." + i)
                    .login("hana@test.example", "guess " + i).status());
        }
        var pretendingHttps = new ConsoleApi(direct.port()).withHeader("X-Forwarded-Proto", "https")
                .login("admin@test.example", PASSWORD);

        assertEquals(List.of(401, 401, 401, 401, 401, 429), statuses);
        assertEquals(200, pretendingHttps.status());
        assertFalse(setCookie(pretendingHttps).contains("Secure"), setCookie(pretendingHttps));
    }

    @Test
    void the_session_cookie_is_secure_when_a_trusted_proxy_says_the_client_used_https() {
        var overHttps = from("192.0.2.20").withHeader("X-Forwarded-Proto", "https")
                .login("admin@test.example", PASSWORD);
        var overHttp = from("192.0.2.20").withHeader("X-Forwarded-Proto", "http")
                .login("admin@test.example", PASSWORD);

        assertTrue(setCookie(overHttps).contains("Secure"), setCookie(overHttps));
        assertFalse(setCookie(overHttp).contains("Secure"), setCookie(overHttp));
        assertTrue(setCookie(overHttps).contains("HttpOnly") && setCookie(overHttps).contains("SameSite=Strict"));
    }

    private static String setCookie(ConsoleApi.Response response) {
        return response.raw().headers().firstValue("Set-Cookie").orElse("");
    }
}
