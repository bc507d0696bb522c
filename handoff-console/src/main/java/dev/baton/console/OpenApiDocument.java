package dev.baton.console;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /openapi.json}: the OpenAPI 3.1 description of the REST API (the resource {@code openapi.json} next to
 * this class), read from the classpath once and served as is.
 *
 * <p>It is served at {@code /openapi.json}, not under {@code /api}, on purpose: every {@code /api/*} request passes
 * {@link AccessGuard}, which requires a session, and the description must be readable without logging in (by code
 * generators, API explorers and people deciding whether to integrate). It holds no data, only the API's shape.
 */
public final class OpenApiDocument {
    public static final String PATH = "/openapi.json";
    static final String RESOURCE = "openapi.json";

    private static final byte[] DOCUMENT = load();

    private OpenApiDocument() {}

    public static void serve(Context ctx) {
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType("application/json; charset=utf-8").result(DOCUMENT);
    }

    private static byte[] load() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("dev/baton/console/" + RESOURCE + " is not on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
