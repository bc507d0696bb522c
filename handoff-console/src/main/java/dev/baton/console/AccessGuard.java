package dev.baton.console;

import dev.baton.access.Session;
import dev.baton.access.SessionStore;
import dev.baton.routing.Agent;
import dev.baton.routing.AgentStore;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.security.RouteRole;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

/**
 * Who is calling the agent API, and whether they may: the session from the HttpOnly cookie, for every request that
 * changes something the CSRF token echoed in a header (a page from another site can send the cookie, but can't read
 * the token), and the {@link Access} the matched route declares.
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

    /** A before-matched handler for {@code /api/*}: it runs once the route is known, with the route's roles. */
    public void check(Context ctx) {
        Set<RouteRole> declared = ctx.routeRoles();
        if (declared.isEmpty()) {
            // Fail closed: a route someone forgot to declare is nobody's (RouteAccessTest finds it first).
            throw new ApiError(HttpStatus.FORBIDDEN, "forbidden", "This route declares no access.");
        }
        if (declared.contains(Access.ANYONE) || ctx.method() == HandlerType.OPTIONS) {
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
        if (!declared.contains(Access.AGENT) && !signed.get().agent().isAdmin()) {
            throw new ApiError(HttpStatus.FORBIDDEN, "forbidden", "Only admins may do this.");
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
}
