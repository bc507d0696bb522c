package dev.baton.access;

/**
 * A signed-in console: whose it is, and the token that state-changing requests must echo (CSRF). The session token
 * itself lives only in the browser's HttpOnly cookie; Baton keeps its hash.
 */
public record Session(String agentId, String csrfToken) {}
