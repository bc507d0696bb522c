package dev.baton.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.access.TrustedProxies;
import dev.baton.testing.FixtureArticles;
import dev.baton.widget.ChatLimits;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The help center's search embeds every query, so one client address may make only so many: past its budget a 429
 * with a JSON reason and when to try again; other addresses keep theirs, and the home list (no query) is free.
 */
class HelpSearchLimitsTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    /** Three searches for one client at a time, an address of one client, hardly any refill during the test. */
    private static final ChatLimits THREE_SEARCHES = ChatLimits.DEFAULTS.withClientsPerAddress(1)
            .withHelpSearches(new ChatLimits.Rate(3, 0.01));

    private static TestApp baton;

    @BeforeAll
    static void start() {
        // Behind a proxy on this machine, so each test address is told by X-Forwarded-For.
        baton = new TestApp(FixtureArticles.all(), config -> config.withChatLimits(THREE_SEARCHES)
                .withTrustedProxies(TrustedProxies.of(List.of("127.0.0.1", "::1"))));
    }

    @AfterAll
    static void stop() {
        baton.close();
    }

    private static HttpResponse<String> search(String address, String query) throws Exception {
        String q = query == null ? "" : "q=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&";
        return CLIENT.send(HttpRequest.newBuilder(URI.create(baton.url() + "/help/search?" + q + "lang=en"))
                .header("X-Forwarded-For", address).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void past_its_budget_an_address_gets_429_with_when_to_try_again_and_other_addresses_keep_theirs()
            throws Exception {
        for (String typed : List.of("ca", "canc", "cancel")) {
            assertEquals(200, search("203.0.113.7", typed).statusCode(), typed);
        }
        HttpResponse<String> refused = search("203.0.113.7", "cancel my");
        assertEquals(429, refused.statusCode(), refused.body());
        JsonNode body = new ObjectMapper().readTree(refused.body());
        assertEquals("rate_limited", body.path("error").asText(), refused.body());
        assertTrue(body.path("message").asText().startsWith("Too many searches"), refused.body());
        long retryAfterMs = body.path("retryAfterMs").asLong();
        assertTrue(retryAfterMs > 1000, refused.body());
        assertEquals(String.valueOf((retryAfterMs + 999) / 1000), refused.headers().firstValue("Retry-After")
                .orElseThrow());
        assertTrue(refused.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));

        assertEquals(200, search("203.0.113.7", null).statusCode(), "the home list embeds nothing and is not limited");
        assertEquals(429, search("203.0.113.7", "fee").statusCode(), "still refused");

        HttpResponse<String> other = search("198.51.100.20", "is there a fee to cancel");
        assertEquals(200, other.statusCode(), "another address has its own budget");
        assertTrue(other.body().contains("cancel-subscription"), other.body());
    }

    @Test
    void one_ipv6_customer_counts_by_its_64_whatever_address_of_it_they_use() throws Exception {
        assertEquals(200, search("2001:db8:1:2::a", "points").statusCode());
        assertEquals(200, search("2001:db8:1:2::b", "points").statusCode());
        assertEquals(200, search("2001:db8:1:2:ffff::1", "points").statusCode());
        assertEquals(429, search("2001:db8:1:2::c", "points").statusCode(), "the same /64");
        assertEquals(200, search("2001:db8:1:3::a", "points").statusCode(), "another /64");
    }
}
