package dev.baton.server.ops;

import dev.baton.access.TrustedProxies;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

/**
 * {@code GET /metrics}: the node's meters for Prometheus. Without a token ({@code BATON_METRICS_TOKEN}) only a
 * scraper on this machine may read them: a request from a loopback address that is not a trusted proxy
 * ({@code BATON_TRUSTED_PROXIES}) and that no proxy forwarded. A request from a trusted proxy is refused with or
 * without {@code X-Forwarded-For}: the client it speaks for is elsewhere, and a proxy on the same host (one that
 * adds no such header included) would otherwise make every outside client look local. So is any request with
 * {@code X-Forwarded-For} or {@code Forwarded}. With a token, any address may read them with {@code
 * Authorization: Bearer <token>}, compared in constant time.
 */
public final class MetricsEndpoint {
    /** What {@code PrometheusMeterRegistry.scrape()} writes: the Prometheus text format, version 0.0.4. */
    private static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";
    private final Observability observability;
    /** SHA-256 of the token, or null without one; digests compare in constant time whatever the lengths. */
    private final byte[] tokenDigest;
    private final TrustedProxies proxies;

    public MetricsEndpoint(Observability observability, String token, TrustedProxies proxies) {
        this.observability = observability;
        this.tokenDigest = token == null || token.isEmpty() ? null : sha256(token);
        this.proxies = proxies;
    }

    public void handle(Context ctx) {
        if (tokenDigest == null ? !local(ctx) : !bearerMatches(ctx.header("Authorization"))) {
            refuse(ctx);
            return;
        }
        ctx.contentType(TEXT_FORMAT).result(observability.scrape());
    }

    private void refuse(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        if (tokenDigest == null) {
            ctx.status(HttpStatus.FORBIDDEN).json(Map.of("error", "metrics are served to this machine only"));
        } else {
            ctx.header("WWW-Authenticate", "Bearer realm=\"baton-metrics\"");
            ctx.status(HttpStatus.UNAUTHORIZED).json(Map.of("error", "a valid bearer token is needed"));
        }
    }

    private boolean local(Context ctx) {
        String remote = ctx.req().getRemoteAddr();
        if (ctx.header("X-Forwarded-For") != null || ctx.header("Forwarded") != null || proxies.trusts(remote)) {
            return false;
        }
        // Jetty writes an IPv6 peer in brackets ("[0:0:0:0:0:0:0:1]"), which is not an address to the parser.
        if (remote.startsWith("[") && remote.endsWith("]")) {
            remote = remote.substring(1, remote.length() - 1);
        }
        IPAddress peer = new IPAddressString(remote).getAddress();
        return peer != null && (peer.isLoopback() || peer.isIPv4Convertible() && peer.toIPv4().isLoopback());
    }

    private boolean bearerMatches(String authorization) {
        String prefix = "Bearer ";
        if (authorization == null || !authorization.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return false;
        }
        return MessageDigest.isEqual(tokenDigest, sha256(authorization.substring(prefix.length()).strip()));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
