package dev.baton.console;

import dev.baton.access.LoginThrottle;
import dev.baton.access.Passwords;
import dev.baton.access.SessionStore;
import dev.baton.routing.Agent;
import dev.baton.routing.AgentStore;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** {@code POST /api/login}, {@code POST /api/logout}, {@code GET /api/me}. */
public final class AuthController {
    /** Checked against when the email is unknown, so a wrong email takes as long as a wrong password. */
    private static final String DUMMY_HASH = "$2a$10$7EqJtq98hPqEX7fNZaFWoOa1Jd6a1uFZLlR5iV8c2.p2E1l/Jq1nK";

    private final AgentStore agents;
    private final SessionStore sessions;
    private final LoginThrottle throttle;
    private final Passwords passwords;
    private final Views views;
    private final boolean secureCookies;

    record Login(String email, String password) {}

    public AuthController(AgentStore agents, SessionStore sessions, LoginThrottle throttle, Passwords passwords, Views views,
            boolean secureCookies) {
        this.agents = agents;
        this.sessions = sessions;
        this.throttle = throttle;
        this.passwords = passwords;
        this.views = views;
        this.secureCookies = secureCookies;
    }

    public void login(Context ctx) {
        Login login = ctx.bodyAsClass(Login.class);
        if (login == null || login.email() == null || login.password() == null || login.email().length() > 254) {
            throw ApiError.badRequest("Send {\"email\", \"password\"}.");
        }
        Optional<Duration> blocked = throttle.blocked(login.email(), ctx.ip());
        if (blocked.isPresent()) {
            ctx.header("Retry-After", Long.toString(blocked.get().toSeconds()));
            throw new ApiError(HttpStatus.TOO_MANY_REQUESTS, "too_many_attempts",
                    "Too many failed logins; try again later.",
                    Map.of("retryAfterSeconds", blocked.get().toSeconds()));
        }
        Optional<Agent> agent = agents.findByEmail(login.email());
        boolean valid = passwords.matches(login.password(), agent.map(Agent::passwordHash).orElse(DUMMY_HASH));
        if (agent.isEmpty() || !valid) {
            throttle.failed(login.email(), ctx.ip());
            throw new ApiError(HttpStatus.UNAUTHORIZED, "invalid_login", "That email and password don't match.");
        }
        throttle.succeeded(login.email());
        var started = sessions.start(agent.get().id());
        Cookie cookie = new Cookie(AccessGuard.COOKIE, started.token(), "/",
                (int) SessionStore.LIFETIME.toSeconds(), secureCookies, true, null, SameSite.STRICT);
        ctx.cookie(cookie);
        ctx.json(Map.of("agent", views.agent(agent.get()), "csrfToken", started.session().csrfToken()));
    }

    public void logout(Context ctx) {
        sessions.end(ctx.cookie(AccessGuard.COOKIE));
        ctx.removeCookie(AccessGuard.COOKIE, "/");
        ctx.status(HttpStatus.NO_CONTENT);
    }

    public void me(Context ctx) {
        ctx.json(Map.of("agent", views.agent(AccessGuard.agent(ctx)),
                "csrfToken", AccessGuard.session(ctx).csrfToken()));
    }
}
