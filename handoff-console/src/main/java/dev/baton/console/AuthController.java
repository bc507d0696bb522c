package dev.baton.console;

import dev.baton.access.AgentAccess;
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

/** {@code POST /api/login}, {@code POST /api/logout}, {@code GET /api/me}, {@code PUT /api/me/password}. */
public final class AuthController {
    /** Checked against when the email is unknown, so a wrong email takes as long as a wrong password. */
    private static final String DUMMY_HASH = "$2a$10$7EqJtq98hPqEX7fNZaFWoOa1Jd6a1uFZLlR5iV8c2.p2E1l/Jq1nK";

    private final AgentStore agents;
    private final SessionStore sessions;
    private final LoginThrottle throttle;
    private final Passwords passwords;
    private final AgentAccess access;
    private final Views views;
    private final Clients clients;

    record Login(String email, String password) {}

    record PasswordChange(String currentPassword, String newPassword) {}

    public AuthController(AgentStore agents, SessionStore sessions, LoginThrottle throttle, Passwords passwords,
            AgentAccess access, Views views, Clients clients) {
        this.agents = agents;
        this.sessions = sessions;
        this.throttle = throttle;
        this.passwords = passwords;
        this.access = access;
        this.views = views;
        this.clients = clients;
    }

    public void login(Context ctx) {
        Login login = ApiError.body(ctx, Login.class, "{\"email\", \"password\"}");
        if (login.email() == null || login.password() == null || login.email().length() > 254) {
            throw ApiError.badRequest("Send {\"email\", \"password\"}.");
        }
        String address = clients.address(ctx);
        countAttempt(ctx, login.email(), address);
        Optional<Agent> agent = agents.findByEmail(login.email());
        boolean valid = passwords.matches(login.password(), agent.map(Agent::passwordHash).orElse(DUMMY_HASH));
        if (agent.isEmpty() || !valid) {
            throw new ApiError(HttpStatus.UNAUTHORIZED, "invalid_login", "That email and password don't match.");
        }
        throttle.succeeded(login.email(), address);
        if (!agent.get().active()) {
            // Said only to whoever knows the password: anyone else learns nothing about the account.
            throw new ApiError(HttpStatus.FORBIDDEN, "deactivated", "This account is deactivated; ask an admin.");
        }
        var started = sessions.start(agent.get().id());
        Cookie cookie = new Cookie(AccessGuard.COOKIE, started.token(), "/",
                (int) sessions.lifetimes().absolute().toSeconds(), clients.secure(ctx), true, null, SameSite.STRICT);
        ctx.cookie(cookie);
        ctx.json(Map.of("agent", views.agent(agent.get()), "csrfToken", started.session().csrfToken()));
    }

    /** Counts a password attempt before the password is checked; over the limit, a 429 and no check at all. */
    private void countAttempt(Context ctx, String email, String address) {
        Optional<Duration> blocked = throttle.attempt(email, address);
        if (blocked.isPresent()) {
            long seconds = Math.max(1, (blocked.get().toMillis() + 999) / 1000);
            ctx.header("Retry-After", Long.toString(seconds));
            throw new ApiError(HttpStatus.TOO_MANY_REQUESTS, "too_many_attempts",
                    "Too many failed attempts; try again later.", Map.of("retryAfterSeconds", seconds));
        }
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

    /** An agent's own new password, given with the current one; every other session of theirs ends. */
    public void changePassword(Context ctx) {
        Agent agent = AccessGuard.agent(ctx);
        PasswordChange change = ApiError.body(ctx, PasswordChange.class,
                "{\"currentPassword\", \"newPassword\"}");
        if (change.currentPassword() == null || change.newPassword() == null) {
            throw ApiError.badRequest("Send {\"currentPassword\", \"newPassword\"}.");
        }
        Passwords.requireAcceptable(change.newPassword());
        // Someone at an unlocked console must not learn the password by trying: limited like a login.
        String address = clients.address(ctx);
        countAttempt(ctx, agent.email(), address);
        if (!passwords.matches(change.currentPassword(), agent.passwordHash())) {
            throw new ApiError(HttpStatus.FORBIDDEN, "wrong_password", "currentPassword is not your password.");
        }
        throttle.succeeded(agent.email(), address);
        access.changePassword(agent, change.newPassword(), AccessGuard.session(ctx).id());
        ctx.status(HttpStatus.NO_CONTENT);
    }
}
