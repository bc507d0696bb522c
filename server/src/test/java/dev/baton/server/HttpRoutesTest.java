package dev.baton.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.kb.Article;
import dev.baton.testing.FixtureArticles;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The plain HTTP side of the customer door: health, article pages, the widget script and the demo page. */
class HttpRoutesTest {
    private static final Article HOSTILE = new Article("hostile", "Title <script>alert(1)</script>",
            "Hello <img src=x onerror=alert(2)>\n\n[click](javascript:alert(3))", List.of(), "en", List.of());
    private static TestApp baton;

    @BeforeAll
    static void start() {
        List<Article> articles = new ArrayList<>(FixtureArticles.all());
        articles.add(HOSTILE);
        baton = new TestApp(articles);
    }

    @AfterAll
    static void stop() {
        baton.close();
    }

    @Test
    void health_reports_redis_and_the_knowledge_base() {
        var response = HttpGet.get(baton.port(), "/health");

        assertEquals(200, response.statusCode());
        var health = HttpGet.json(baton.port(), "/health");
        assertEquals("ok", health.path("status").asText());
        assertEquals("up", health.path("parts").path("redis").asText());
        assertEquals(FixtureArticles.all().size() + 1, health.path("articles").asInt());
    }

    @Test
    void an_article_page_renders_its_markdown() {
        var response = HttpGet.get(baton.port(), "/kb/cancel-subscription");

        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("<h1>Cancelling your subscription</h1>"));
        assertTrue(response.body().contains("<li>Click <strong>Cancel subscription</strong>.</li>"));
    }

    @Test
    void no_script_in_an_article_ever_reaches_the_page() {
        String body = HttpGet.get(baton.port(), "/kb/hostile").body();

        assertFalse(body.contains("<script>alert"), body);
        assertFalse(body.contains("<img"), body);
        assertFalse(body.contains("javascript:"), body);
        assertTrue(body.contains("Title &lt;script&gt;alert(1)&lt;/script&gt;"), body);
    }

    @Test
    void article_pages_carry_the_help_center_s_name_and_lead_back_to_its_list_of_articles() {
        String article = HttpGet.get(baton.port(), "/kb/cancel-subscription").body();
        var index = HttpGet.get(baton.port(), "/kb");
        var icon = HttpGet.get(baton.port(), "/favicon.ico");

        assertTrue(article.contains("<a class=\"brand\" href=\"/kb\">"), article);
        assertTrue(article.contains("<a href=\"/kb\">← All help center articles</a>"), article);
        assertEquals(200, index.statusCode());
        assertTrue(index.body().contains("<a href=\"/kb/cancel-subscription\">Cancelling your subscription</a>"),
                index.body());
        assertFalse(index.body().contains("<script"), "the list runs no script either");
        assertTrue(index.body().contains("Title &lt;script&gt;"), "titles are escaped: " + index.body());
        assertEquals(200, icon.statusCode(), "no 404 for the browser's favicon.ico");
    }

    @Test
    void the_help_center_searches_published_articles_in_both_languages_and_counts_the_opens_in_the_kpis()
            throws Exception {
        var found = HttpGet.json(baton.port(), "/help/search?q=" + encode("is there a fee to cancel") + "&lang=en");
        assertEquals("cancel-subscription", found.path("results").path(0).path("id").asText(), found::toString);
        assertTrue(found.path("results").path(0).path("snippet").asText().startsWith("You can cancel your plan"));
        var japanese = HttpGet.json(baton.port(), "/help/search?q=" + encode("ポイントの有効期限はいつ") + "&lang=ja");
        assertEquals("ja-points-expiry", japanese.path("results").path(0).path("id").asText(), japanese::toString);
        var typing = HttpGet.json(baton.port(), "/help/search?q=" + encode("Shopi") + "&lang=en");
        assertEquals("shopify-integration", typing.path("results").path(0).path("id").asText(),
                "a half-typed word finds the article with it in its title: " + typing);
        var home = HttpGet.json(baton.port(), "/help/search?lang=ja");
        assertEquals(List.of("ja-points-expiry"), ids(home), "with no words: the articles in the customer's language");
        var nothing = HttpGet.json(baton.port(), "/help/search?q=" + encode("set an alarm for 7 am") + "&lang=en");
        assertEquals(List.of(), ids(nothing), "no article is near an unrelated question");

        var tooLong = HttpGet.get(baton.port(), "/help/search?q=" + "x".repeat(201));
        assertEquals(400, tooLong.statusCode());
        assertTrue(tooLong.body().contains("at most 200 characters"), tooLong.body());
        assertEquals(400, HttpGet.get(baton.port(), "/help/search?q=fee&lang=fr").statusCode());
        assertEquals(404, HttpGet.get(baton.port(), "/help/articles/no-such-article").statusCode());
        HttpResponse<String> foreign = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://localhost:" + baton.port() + "/help/search?q=fee")).header("Origin", "https://evil.example")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, foreign.statusCode(), "only the messenger's sites may use it");

        var article = HttpGet.json(baton.port(), "/help/articles/hostile");
        assertFalse(article.path("html").asText().contains("<img") || article.path("html").asText()
                .contains("javascript:"), "the body is safe HTML: " + article);
        HttpGet.get(baton.port(), "/help/articles/cancel-subscription");
        HttpGet.get(baton.port(), "/help/articles/cancel-subscription");
        baton.addAgent("kpi-admin@perkful.example", "Kim", dev.baton.routing.AgentRole.ADMIN, 5,
                "a-long-test-password");
        var kpis = ConsoleApi.loggedIn(baton.port(), "kpi-admin@perkful.example", "a-long-test-password")
                .get("/api/kpis?from=" + java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1) + "&to="
                        + java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1) + "&tz=UTC").body();
        assertEquals("cancel-subscription", kpis.path("helpCenterOpens").path(0).path("articleId").asText(),
                kpis::toString);
        assertEquals(2, kpis.path("helpCenterOpens").path(0).path("opens").asInt());
        assertEquals("Cancelling your subscription", kpis.path("helpCenterOpens").path(0).path("title").asText());
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static List<String> ids(com.fasterxml.jackson.databind.JsonNode search) {
        List<String> ids = new ArrayList<>();
        search.path("results").forEach(result -> ids.add(result.path("id").asText()));
        return ids;
    }

    @Test
    void a_missing_article_is_a_404_page() {
        var response = HttpGet.get(baton.port(), "/kb/no-such-article");

        assertEquals(404, response.statusCode());
        assertTrue(response.body().contains("Article not found"));
    }

    @Test
    void the_widget_script_and_the_demo_page_are_served() {
        var script = HttpGet.get(baton.port(), "/widget.js");
        var page = HttpGet.get(baton.port(), "/");

        assertEquals(200, script.statusCode());
        assertEquals("text/javascript; charset=utf-8", script.headers().firstValue("Content-Type").orElse("")
                .toLowerCase(Locale.ROOT), "UTF-8 whatever the host page's encoding");
        assertTrue(script.body().contains("customElements.define"));
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<script src=\"/widget.js\" async></script>"));
    }

    @Test
    void the_console_address_with_or_without_a_slash_leads_to_the_console_page() throws Exception {
        HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        for (String path : List.of("/console", "/console/")) {
            HttpResponse<String> page = following.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + baton.port() + path)).build(), HttpResponse.BodyHandlers.ofString());

            assertEquals(200, page.statusCode(), path);
            assertTrue(page.body().contains("<title>Baton console</title>"), path);
        }
    }
}
