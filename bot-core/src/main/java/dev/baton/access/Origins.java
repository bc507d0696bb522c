package dev.baton.access;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * Web origins as browsers send them in {@code Origin} ({@code https://shop.example:8443}): compared in one normal
 * form, and against the {@code Host} a request was sent to. An origin that is not {@code scheme://host[:port]}
 * (such as {@code null}, sent by sandboxed pages) matches nothing.
 */
public final class Origins {
    private Origins() {}

    /** The origin in lower case without a trailing slash, or empty when it is not a web origin. */
    public static Optional<String> normalized(String origin) {
        if (origin == null) {
            return Optional.empty();
        }
        String trimmed = origin.strip().toLowerCase(Locale.ROOT);
        String bare = trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
        return authority(bare).isPresent() ? Optional.of(bare) : Optional.empty();
    }

    /** The origin of a URL such as {@code BATON_PUBLIC_URL}: its scheme, host and port. */
    public static Optional<String> of(String url) {
        try {
            URI uri = URI.create(url.strip());
            if (uri.getScheme() == null || uri.getRawAuthority() == null) {
                return Optional.empty();
            }
            return normalized(uri.getScheme() + "://" + uri.getRawAuthority());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether a page of {@code origin} is on the server the request reached at {@code host} (its Host header). */
    public static boolean sameHost(String origin, String host) {
        return host != null && authority(origin).filter(a -> a.equalsIgnoreCase(host.strip())).isPresent();
    }

    private static Optional<String> authority(String origin) {
        if (origin == null) {
            return Optional.empty();
        }
        try {
            URI uri = URI.create(origin.strip());
            boolean web = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            boolean bare = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/");
            return web && bare && uri.getHost() != null && uri.getRawQuery() == null && uri.getRawUserInfo() == null
                    ? Optional.of(uri.getRawAuthority()) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
