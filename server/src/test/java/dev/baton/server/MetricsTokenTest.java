package dev.baton.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.access.TrustedProxies;
import dev.baton.testing.FixtureArticles;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /metrics} with {@code BATON_METRICS_TOKEN} set: the bearer token, from wherever, and nothing without it. */
class MetricsTokenTest {
    private static final String TOKEN = "s3cret-metrics-token-for-tests";
    /** A reverse proxy on this machine. */
    private static final String PROXY = "127.0.0.2";
    private static TestApp baton;

    @BeforeAll
    static void start() {
        baton = new TestApp(FixtureArticles.all(), config -> config.withMetricsToken(TOKEN)
                .withTrustedProxies(TrustedProxies.of(List.of(PROXY))));
    }

    @AfterAll
    static void stop() {
        baton.close();
    }

    private static HttpResponse<String> metrics(String... headers) {
        return MetricsTest.get("http://127.0.0.1:" + baton.port() + "/metrics", headers);
    }

    @Test
    void the_right_token_reads_the_metrics_even_through_a_proxy() {
        var direct = metrics("Authorization", "Bearer " + TOKEN);
        var forwarded = metrics("Authorization", "Bearer " + TOKEN, "X-Forwarded-For", "203.0.113.9");

        assertEquals(200, direct.statusCode(), direct::body);
        assertTrue(direct.body().contains("baton_sockets_open{kind=\"widget\"}"), direct::body);
        assertEquals(200, forwarded.statusCode());
    }

    @Test
    void a_trusted_proxy_on_this_machine_reads_them_with_the_token_only() {
        var withToken = RawHttp.get(PROXY, baton.port(), "/metrics", "Authorization", "Bearer " + TOKEN);
        var without = RawHttp.get(PROXY, baton.port(), "/metrics");

        assertEquals(200, withToken.status(), withToken.body());
        assertTrue(withToken.body().contains("baton_sockets_open{kind=\"widget\"}"), withToken.body());
        assertEquals(401, without.status(), without.body());
        assertTrue(!without.body().contains("jvm_"), "no metrics in a refusal");
    }

    /**
     * The right token first, then wrong ones on the same kept-alive connection: one that differs only in case must
     * not pass for it (Jetty's header cache matched values regardless of case until the server asked otherwise).
     */
    @Test
    void no_token_or_a_wrong_one_is_401_even_from_loopback() {
        assertEquals(200, metrics("Authorization", "Bearer " + TOKEN).statusCode());
        var none = metrics();
        var wrong = metrics("Authorization", "Bearer " + TOKEN.replace('s', 'S'));
        var prefix = metrics("Authorization", "Bearer " + TOKEN.substring(0, 10));
        var basic = metrics("Authorization", "Basic " + TOKEN);

        for (var refused : List.of(none, wrong, prefix, basic)) {
            assertEquals(401, refused.statusCode(), () -> refused.request().headers().map().toString());
            assertEquals("Bearer realm=\"baton-metrics\"", refused.headers().firstValue("WWW-Authenticate")
                    .orElse(null));
            assertTrue(!refused.body().contains("jvm_"), "no metrics in a refusal");
        }
    }

    @Test
    void a_short_token_is_refused_at_start() {
        var error = assertThrows(IllegalArgumentException.class,
                () -> BatonConfig.defaults().withMetricsToken("short"));
        assertTrue(error.getMessage().contains("BATON_METRICS_TOKEN"), error.getMessage());
    }
}
