package dev.baton.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.baton.store.NotReplicatedException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A refused API request, thrown by controllers and turned into {@code {"error", "message", ...}} with its status in
 * one place. Anything else thrown becomes a 500 with no details leaked.
 */
public final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(ApiError.class);

    private final HttpStatus status;
    private final String code;
    private final transient Map<String, Object> extra;

    public ApiError(HttpStatus status, String code, String message) {
        this(status, code, message, Map.of());
    }

    public ApiError(HttpStatus status, String code, String message, Map<String, Object> extra) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.extra = extra;
    }

    static ApiError badRequest(String message) {
        return new ApiError(HttpStatus.BAD_REQUEST, "invalid_request", message);
    }

    /**
     * The request's JSON body as {@code type}; a missing, empty or {@code null} body is a 400 (Javalin would fail on
     * it with a server error), and an unreadable one too (see {@link #register}).
     */
    static <T> T body(Context ctx, Class<T> type, String expected) {
        String text = ctx.body().strip();
        if (text.isEmpty() || text.equals("null")) {
            throw badRequest("Send " + expected + ".");
        }
        return ctx.bodyAsClass(type);
    }

    static ApiError notFound(String what) {
        return new ApiError(HttpStatus.NOT_FOUND, "not_found", what + " does not exist");
    }

    Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", getMessage());
        body.putAll(extra);
        return body;
    }

    /** Maps errors to responses for the whole API. */
    public static void register(RoutesConfig routes) {
        routes.exception(ApiError.class, (error, ctx) -> ctx.status(error.status).json(error.body()));
        routes.exception(JsonProcessingException.class, (error, ctx) ->
                ctx.status(HttpStatus.BAD_REQUEST).json(badRequest(unreadable(error)).body()));
        routes.exception(IllegalArgumentException.class, (error, ctx) ->
                ctx.status(HttpStatus.BAD_REQUEST).json(badRequest(error.getMessage()).body()));
        // Stored on the primary, not yet on a replica (Redis Sentinel): the agent's action may have happened.
        routes.exception(NotReplicatedException.class, (error, ctx) -> ctx.status(HttpStatus.SERVICE_UNAVAILABLE)
                .json(new ApiError(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Saved, but not yet confirmed by "
                        + "a Redis replica: look at the conversation before doing it again.").body()));
        routes.exception(Exception.class, (error, ctx) -> {
            if (error instanceof HttpResponseException http) {
                ctx.status(http.getStatus()).json(Map.of("error", "http_" + http.getStatus(),
                        "message", http.getMessage()));
            } else if (ctx.path().startsWith("/api/")) {
                unexpected(error, ctx);
            } else {
                log.error("Request {} {} failed", ctx.method(), ctx.path(), error);
                ctx.status(HttpStatus.INTERNAL_SERVER_ERROR).result("Server error");
            }
        });
    }

    /** What was wrong with a body Jackson could not read, without Java class names. */
    private static String unreadable(JsonProcessingException error) {
        if (error instanceof ValueInstantiationException invalid && invalid.getCause() instanceof IllegalArgumentException) {
            return invalid.getCause().getMessage();
        }
        return "The body is not the JSON this endpoint takes; see docs/console-api.md.";
    }

    /** For unexpected failures on API paths: logged, answered without internals. */
    static void unexpected(Exception error, Context ctx) {
        log.error("API request {} {} failed", ctx.method(), ctx.path(), error);
        ctx.status(HttpStatus.INTERNAL_SERVER_ERROR).json(Map.of("error", "internal",
                "message", "Something went wrong on our side; try again."));
    }
}
