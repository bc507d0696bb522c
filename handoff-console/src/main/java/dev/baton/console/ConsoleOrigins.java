package dev.baton.console;

import dev.baton.access.Origins;
import java.util.Optional;

/**
 * Which web pages may open {@code /ws/agent} with an agent's cookie: Baton's own, that is pages of the origin the
 * request was sent to (its Host) or of the public URL's origin (behind a proxy that rewrites Host). This is the
 * socket's CSRF check: a page of another site (a sibling subdomain included, which SameSite cookies do not stop)
 * can make the browser send the cookie, not the Origin. A request without an Origin comes from no browser page and
 * may go on: it still needs the cookie.
 */
public final class ConsoleOrigins {
    private final Optional<String> publicOrigin;

    /** @param publicUrl {@code BATON_PUBLIC_URL}, or null */
    public ConsoleOrigins(String publicUrl) {
        this.publicOrigin = publicUrl == null ? Optional.empty() : Origins.of(publicUrl);
    }

    boolean allows(String origin, String host) {
        if (origin == null) {
            return true;
        }
        return Origins.sameHost(origin, host)
                || (publicOrigin.isPresent() && publicOrigin.equals(Origins.normalized(origin)));
    }
}
