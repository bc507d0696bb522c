package dev.baton.widget;

import io.javalin.http.staticfiles.Location;
import io.javalin.http.staticfiles.StaticFileConfig;

/**
 * Serves {@code /widget.js}, the one script a host page embeds, {@code /widget-home.js}, the help center it loads
 * when first shown, and {@code /kb.css}, the article pages' styles, from this module's resources. Any site may load them (they hold nothing private), but never as anything other than
 * what they are.
 */
public final class WidgetAssets {
    private WidgetAssets() {}

    public static void configure(StaticFileConfig files) {
        files.hostedPath = "/";
        files.directory = "/dev/baton/widget/public";
        files.location = Location.CLASSPATH;
        // Host pages cache the script; revalidating keeps them on the current version after an upgrade.
        // widget-home.js is an ES module the messenger imports from the host page: modules load with CORS.
        files.headers = java.util.Map.of("Cache-Control", "no-cache", "X-Content-Type-Options", "nosniff",
                "Cross-Origin-Resource-Policy", "cross-origin", "Access-Control-Allow-Origin", "*");
        // A classic script takes its host page's encoding unless told otherwise; pages in Shift_JIS or with no
        // charset at all would garble every non-ASCII character of the messenger.
        files.mimeTypes.add("text/javascript; charset=utf-8", "js");
    }
}
