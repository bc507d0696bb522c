package dev.baton.console;

import dev.baton.access.TrustedProxies;
import io.javalin.http.Context;

/**
 * Who is at the other end of a console request: the client's address (for the login limits) and whether it came over
 * https (for the cookie's {@code Secure} flag), with {@code X-Forwarded-For} and {@code X-Forwarded-Proto} believed
 * only from the trusted proxies. (Javalin's own {@code ctx.ip()} is the socket's peer, which behind a proxy is the
 * proxy.)
 */
public final class Clients {
    private final TrustedProxies proxies;
    private final boolean httpsPublicUrl;

    /** @param httpsPublicUrl Baton's public address is https, so browsers reach it over https whatever the hop. */
    public Clients(TrustedProxies proxies, boolean httpsPublicUrl) {
        this.proxies = proxies;
        this.httpsPublicUrl = httpsPublicUrl;
    }

    String address(Context ctx) {
        return proxies.clientAddress(ctx.req().getRemoteAddr(), ctx.header("X-Forwarded-For"));
    }

    boolean secure(Context ctx) {
        return httpsPublicUrl
                || proxies.secure(ctx.req().getRemoteAddr(), ctx.scheme(), ctx.header("X-Forwarded-Proto"));
    }
}
