package dev.baton.console;

import dev.baton.access.Session;
import dev.baton.access.SessionStore;
import dev.baton.routing.Agent;
import dev.baton.routing.AgentStore;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Who is calling the agent API: the session from the HttpOnly cookie, and for every request that changes something
 * the CSRF token echoed in a header (a page from another site can send the cookie, but can't read the token).
 * Everything under {@code /api} passes here except logging in.
 */
public final class AccessGuard {
    static final String COOKIE = "baton_session";
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String AGENT = "baton.agent";
    private static final String SESSION = "baton.session";

    private final SessionStore sessions;
    private final AgentStore agents;

    public AccessGuard(SessionStore sessions, AgentStore agents) {
        this.sessions = sessions;
        this.agents = agents;
    }

    /** A before-handler for {@code /api/*}. */
    public void check(Context ctx) {
        if (ctx.path().equals("/api/login") || ctx.method() == HandlerType.OPTIONS) {
            return;
        }
        Optional<Signed> signed = signedIn(ctx.cookie(COOKIE));
        if (signed.isEmpty()) {
            throw new ApiError(HttpStatus.UNAUTHORIZED, "login_required", "Log in first.");
        }
        if (changesSomething(ctx.method())) {
            String sent = ctx.header(CSRF_HEADER);
            String expected = signed.get().session().csrfToken();
            if (sent == null || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                    expected.getBytes(StandardCharsets.UTF_8))) {
                throw new ApiError(HttpStatus.FORBIDDEN, "csrf", "Send the X-CSRF-Token header you got at login.");
            }
        }
        ctx.attribute(AGENT, signed.get().agent());
        ctx.attribute(SESSION, signed.get().session());
    }

    private static boolean changesSomething(HandlerType method) {
        return method == HandlerType.POST || method == HandlerType.PUT || method == HandlerType.PATCH
                || method == HandlerType.DELETE;
    }

    /** A session and the agent it belongs to, if the token is valid and the agent still exists and is active. */
    record Signed(Session session, Agent agent) {}

    Optional<Signed> signedIn(String token) {
        return sessions.find(token).flatMap(session -> agents.find(session.agentId()).filter(Agent::active)
                .map(agent -> new Signed(session, agent)));
    }

    static Agent agent(Context ctx) {
        return ctx.attribute(AGENT);
    }

    static Session session(Context ctx) {
        return ctx.attribute(SESSION);
    }

    static Agent admin(Context ctx) {
        Agent agent = agent(ctx);
        if (!agent.isAdmin()) {
            throw new ApiError(HttpStatus.FORBIDDEN, "forbidden", "Only admins may do this.");
        }
        return agent;
    }
}
