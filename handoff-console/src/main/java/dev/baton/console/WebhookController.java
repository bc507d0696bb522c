package dev.baton.console;

import dev.baton.webhook.Webhook;
import dev.baton.webhook.WebhookDispatcher;
import dev.baton.webhook.WebhookEvents;
import dev.baton.webhook.WebhookSignature;
import dev.baton.webhook.WebhookStore;
import dev.baton.webhook.WebhookTargets;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Webhooks, admin only: register, change and remove them, read their delivery logs, send a test. An address is
 * refused when its host is or resolves to an internal one ({@link WebhookTargets}); every delivery checks again.
 */
public final class WebhookController {
    private static final int MAX_URL = 2000;
    private static final int MAX_WEBHOOKS = 50;

    private final WebhookStore store;
    private final WebhookDispatcher dispatcher;
    private final WebhookTargets targets;
    private final Clock clock;

    record WebhookForm(String url, List<String> events, Boolean active) {}

    public WebhookController(WebhookStore store, WebhookDispatcher dispatcher, WebhookTargets targets, Clock clock) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.targets = targets;
        this.clock = clock;
    }

    public void list(Context ctx) {
        ctx.json(Map.of("webhooks", store.all()));
    }

    public void create(Context ctx) {
        WebhookForm form = ApiError.body(ctx, WebhookForm.class, "{\"url\", \"events\"}");
        if (store.all().size() >= MAX_WEBHOOKS) {
            throw ApiError.badRequest("At most " + MAX_WEBHOOKS + " webhooks; remove one first.");
        }
        Webhook webhook = new Webhook("wh_" + UUID.randomUUID().toString().replace("-", ""), url(form.url()),
                events(form.events()), WebhookSignature.newSecret(), form.active() == null || form.active(),
                clock.millis());
        store.save(webhook);
        ctx.status(HttpStatus.CREATED).json(webhook);
    }

    /** Changes the fields sent; the others, the id and the secret stay. */
    public void update(Context ctx) {
        Webhook existing = find(ctx);
        WebhookForm form = ApiError.body(ctx, WebhookForm.class, "any of {\"url\", \"events\", \"active\"}");
        Webhook webhook = new Webhook(existing.id(), form.url() == null ? existing.url() : url(form.url()),
                form.events() == null ? existing.events() : events(form.events()), existing.secret(),
                form.active() == null ? existing.active() : form.active(), existing.createdAt());
        store.save(webhook);
        ctx.json(webhook);
    }

    public void delete(Context ctx) {
        if (!store.delete(ctx.pathParam("id"))) {
            throw ApiError.notFound("The webhook");
        }
        ctx.status(HttpStatus.NO_CONTENT);
    }

    public void deliveries(Context ctx) {
        Webhook webhook = find(ctx);
        ctx.json(Map.of("deliveries", store.deliveries(webhook.id())));
    }

    /** Sends a {@code ping}; 202 with its delivery id, the log shows how it went. */
    public void test(Context ctx) {
        Webhook webhook = find(ctx);
        ctx.status(HttpStatus.ACCEPTED).json(Map.of("deliveryId", dispatcher.ping(webhook)));
    }

    private Webhook find(Context ctx) {
        return store.find(ctx.pathParam("id")).orElseThrow(() -> ApiError.notFound("The webhook"));
    }

    private String url(String url) {
        if (url == null || url.isBlank() || url.length() > MAX_URL) {
            throw ApiError.badRequest("url must be an http or https URL of at most " + MAX_URL + " characters");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw ApiError.badRequest("url is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw ApiError.badRequest("url must start with http:// or https://");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw ApiError.badRequest("url must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw ApiError.badRequest("url must not contain a user name or password; check the signature instead");
        }
        if (uri.getRawFragment() != null) {
            throw ApiError.badRequest("url must not have a #fragment");
        }
        try {
            targets.requireReachable(uri.getHost());
        } catch (IllegalArgumentException refused) {
            throw ApiError.badRequest(refused.getMessage());
        }
        return uri.toString();
    }

    private static List<String> events(List<String> events) {
        if (events == null || events.isEmpty()) {
            throw ApiError.badRequest("events must list at least one of " + String.join(", ", WebhookEvents.NAMES));
        }
        for (String event : events) {
            if (event == null || !WebhookEvents.NAMES.contains(event)) {
                throw ApiError.badRequest("unknown event '" + event + "'; events are "
                        + String.join(", ", WebhookEvents.NAMES));
            }
        }
        return List.copyOf(new LinkedHashSet<>(events));
    }
}
