package dev.baton.console;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.Set;

/**
 * Serves Chart.js for the KPI dashboard from its WebJar on the classpath (no CDN), at
 * {@code /console/vendor/chartjs/chart.umd.min.js}. The WebJar's version is read from its own Maven metadata, so
 * upgrading it is a pom change. (A route rather than a static-files folder: the WebJar has no directory entries,
 * which Javalin's classpath folders need.)
 */
public final class KpiAssets {
    public static final String PATH = ConsoleAssets.PATH + "/vendor/chartjs/{file}";
    private static final Set<String> FILES = Set.of("chart.umd.min.js", "chart.umd.js");
    private static final String DIST = "META-INF/resources/webjars/chart.js/" + chartJsVersion() + "/dist/";

    private KpiAssets() {}

    /** {@code GET /console/vendor/chartjs/{file}}: the UMD builds only; anything else is a 404. */
    public static void serve(Context ctx) {
        String file = ctx.pathParam("file");
        InputStream in = FILES.contains(file) ? KpiAssets.class.getClassLoader().getResourceAsStream(DIST + file)
                : null;
        if (in == null) {
            ctx.status(HttpStatus.NOT_FOUND).result("Not found");
            return;
        }
        ctx.header("Cache-Control", "max-age=86400");
        ctx.contentType("text/javascript; charset=utf-8").result(in);
    }

    static String chartJsVersion() {
        try (InputStream in = KpiAssets.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars.npm/chart.js/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("The Chart.js WebJar is not on the classpath");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
