package dev.baton.console;

import io.javalin.http.staticfiles.Location;
import io.javalin.http.staticfiles.StaticFileConfig;

/** Serves the console's page and modules at {@code /console/}. */
public final class ConsoleAssets {
    public static final String PATH = "/console";

    private ConsoleAssets() {}

    public static void configure(StaticFileConfig files) {
        files.hostedPath = PATH;
        files.directory = "/dev/baton/console/public";
        files.location = Location.CLASSPATH;
        files.headers = java.util.Map.of("Cache-Control", "no-cache");
    }
}
