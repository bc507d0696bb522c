package dev.baton.access;

/**
 * A signed-in console: whose it is, and the token that state-changing requests must echo (CSRF). The session token
 * itself lives only in the browser's HttpOnly cookie; Baton keeps its hash, which is also the session's {@code id}.
 */
public record Session(String id, String agentId, String csrfToken) {}
