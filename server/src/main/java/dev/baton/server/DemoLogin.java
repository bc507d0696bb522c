package dev.baton.server;

import dev.baton.routing.AgentRole;

/**
 * A demo agent's login as a start reports it.
 *
 * @param password the generated password when this start created it (shown once, never stored in clear); null when
 *     it was created by an earlier start
 */
public record DemoLogin(String email, AgentRole role, String password) {}
