package dev.baton.console;

import io.javalin.http.Context;

/**
 * The headers that keep the console's pages and the API safe in a browser. Console pages run scripts and load
 * styles, fonts and data of their own origin only (no inline code at all: every handler and style lives in the
 * modules and stylesheets), show images of their own or of any https host (agents' avatars), and may not be framed
 * (clickjacking) or sniffed into another type. API answers are data, never a page: no sources at all, no framing,
 * and never cached, since they hold customers' conversations.
 */
public final class SecurityHeaders {
    static final String CONSOLE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: https:; connect-src 'self'; font-src 'self'; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";

    private SecurityHeaders() {}

    /** A before-handler for the console's pages, modules and vendored scripts. */
    public static void console(Context ctx) {
        common(ctx, CONSOLE_POLICY);
    }

    /** A before-handler for {@code /api/*}, so errors carry the headers too. */
    public static void api(Context ctx) {
        common(ctx, API_POLICY);
        ctx.header("Cache-Control", "no-store");
    }

    private static void common(Context ctx, String policy) {
        ctx.header("Content-Security-Policy", policy);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
    }
}
