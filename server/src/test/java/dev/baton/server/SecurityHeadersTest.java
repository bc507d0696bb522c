package dev.baton.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.kb.Article;
import dev.baton.testing.FixtureArticles;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The headers that keep browsers safe: a strict Content-Security-Policy, no framing and no sniffing for the console
 * and the API (and no caching of API answers); headers fit for embedding on the widget script and article pages.
 */
class SecurityHeadersTest {
    private static final String PASSWORD = "correct horse battery";
    private static final String CUSTOMER_SITE = "https://shop.perkful.example";
    private static TestApp baton;

    @BeforeAll
    static void start() {
        baton = new TestApp(FixtureArticles.all(), config -> config.withAdmin("admin@test.example", PASSWORD)
                .withMessenger(new BatonConfig.Messenger(null, false, List.of(CUSTOMER_SITE))));
    }

    @AfterAll
    static void stop() {
        baton.close();
    }

    private static String header(HttpResponse<String> response, String name) {
        return response.headers().firstValue(name).orElse("");
    }

    /** The directives of a Content-Security-Policy, by name. */
    private static Map<String, String> directives(HttpResponse<String> response) {
        Map<String, String> directives = new java.util.HashMap<>();
        for (String directive : header(response, "Content-Security-Policy").split(";")) {
            String[] parts = directive.strip().split("\\s+", 2);
            if (!parts[0].isEmpty()) {
                directives.put(parts[0], parts.length > 1 ? parts[1] : "");
            }
        }
        return directives;
    }

    @Test
    void console_pages_and_their_modules_run_only_scripts_of_their_own_and_cannot_be_framed() {
        for (String path : List.of("/console/index.html", "/console/kb.html", "/console/console.js",
                "/console/console.css", "/console/vendor/chartjs/chart.umd.min.js")) {
            var response = HttpGet.get(baton.port(), path);
            Map<String, String> csp = directives(response);

            assertEquals(200, response.statusCode(), path);
            assertEquals("'self'", csp.get("script-src"), path + ": " + csp);
            assertEquals("'none'", csp.get("frame-ancestors"), path);
            assertEquals("'none'", csp.get("object-src"), path);
            assertEquals("'none'", csp.get("base-uri"), path);
            assertFalse(csp.toString().contains("unsafe"), path + ": " + csp);
            assertEquals("nosniff", header(response, "X-Content-Type-Options"), path);
            assertEquals("no-referrer", header(response, "Referrer-Policy"), path);
        }
    }

    @Test
    void api_answers_are_never_cached_sniffed_or_framed_errors_included() {
        ConsoleApi admin = ConsoleApi.loggedIn(baton.port(), "admin@test.example", PASSWORD);
        List<HttpResponse<String>> answers = List.of(admin.get("/api/me").raw(), admin.get("/api/agents").raw(),
                new ConsoleApi(baton.port()).get("/api/me").raw(), admin.get("/api/conversations/nope").raw(),
                admin.send("POST", "/api/canned", "{", true).raw());

        for (HttpResponse<String> response : answers) {
            String what = response.request().method() + " " + response.uri().getPath() + " " + response.statusCode();
            assertEquals("no-store", header(response, "Cache-Control"), what);
            assertEquals("nosniff", header(response, "X-Content-Type-Options"), what);
            assertEquals("no-referrer", header(response, "Referrer-Policy"), what);
            assertEquals("'none'", directives(response).get("frame-ancestors"), what);
            assertEquals("'none'", directives(response).get("default-src"), what);
        }
    }

    @Test
    void the_widget_script_may_be_loaded_by_any_site_but_never_sniffed() {
        var response = HttpGet.get(baton.port(), "/widget.js");

        assertEquals(200, response.statusCode());
        assertEquals("nosniff", header(response, "X-Content-Type-Options"));
        assertEquals("cross-origin", header(response, "Cross-Origin-Resource-Policy"));
        assertTrue(header(response, "Content-Type").startsWith("text/javascript"), header(response, "Content-Type"));
    }

    @Test
    void an_article_page_runs_no_script_and_only_the_messengers_sites_may_frame_it() {
        Article article = FixtureArticles.all().get(0);
        var page = HttpGet.get(baton.port(), "/kb/" + article.id());
        var missing = HttpGet.get(baton.port(), "/kb/no-such-article");

        for (var response : List.of(page, missing)) {
            Map<String, String> csp = directives(response);
            assertEquals("'none'", csp.get("default-src"), csp::toString);
            assertEquals("'self' " + CUSTOMER_SITE, csp.get("frame-ancestors"), csp::toString);
            assertFalse(csp.containsKey("script-src"), "no script at all: " + csp);
            assertFalse(csp.toString().contains("unsafe"), csp::toString);
            assertEquals("nosniff", header(response, "X-Content-Type-Options"));
            assertEquals("strict-origin-when-cross-origin", header(response, "Referrer-Policy"));
        }
        assertFalse(page.body().contains("<style"), "its styles come from a file the policy allows");
        var stylesheet = HttpGet.get(baton.port(), "/kb.css");
        assertEquals(200, stylesheet.statusCode());
        assertTrue(header(stylesheet, "Content-Type").startsWith("text/css"));
    }
}
