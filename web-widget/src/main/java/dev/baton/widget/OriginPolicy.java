package dev.baton.widget;

import dev.baton.access.Origins;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which web pages may open the customer socket. Browsers send their page's {@code Origin}: with no list, only
 * pages Baton serves itself (same host and port) get in; with a list, the listed origins, or every one with
 * {@code *}. Clients that are not browsers send no Origin and are let through: the check protects customers'
 * browsers from other sites, it authenticates nobody.
 */
public final class OriginPolicy {
    private final Set<String> allowed;

    public OriginPolicy(List<String> origins) {
        this.allowed = origins.stream().filter(o -> !o.isBlank()).map(OriginPolicy::normalized)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Whether a page of {@code origin} may connect to this server, reached at {@code host} (the Host header). */
    public boolean allows(String origin, String host) {
        if (origin == null || allowed.contains("*")) {
            return true;
        }
        if (allowed.isEmpty()) {
            return Origins.sameHost(origin, host);
        }
        return allowed.contains(normalized(origin));
    }

    /** What may frame Baton's article pages: the same sites that may open the messenger, and Baton's own. */
    public String frameAncestors() {
        if (allowed.contains("*")) {
            return "*";
        }
        // Only real origins: an entry with spaces or semicolons must not add directives to the policy.
        List<String> origins = allowed.stream().map(Origins::normalized).flatMap(java.util.Optional::stream).sorted()
                .toList();
        return origins.isEmpty() ? "'self'" : "'self' " + String.join(" ", origins);
    }

    private static String normalized(String origin) {
        String trimmed = origin.strip().toLowerCase(Locale.ROOT);
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
