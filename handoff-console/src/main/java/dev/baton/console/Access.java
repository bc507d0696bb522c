package dev.baton.console;

import io.javalin.security.RouteRole;

/**
 * Who may call a route of the agent API, declared with the route in the route table and checked by
 * {@link AccessGuard} before the handler runs; a route that declares none is refused to everyone.
 */
public enum Access implements RouteRole {
    /** No session needed: logging in. */
    ANYONE,
    /** Any signed-in agent, admins included. */
    AGENT,
    /** Admins only: the knowledge base, the team and routing, KPIs, webhooks. */
    ADMIN
}
