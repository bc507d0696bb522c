package dev.baton.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.routing.AgentRole;
import dev.baton.store.RedisKeys;
import dev.baton.testing.TestRedis;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import redis.clients.jedis.RedisClient;

/**
 * The demo agents of a demo store: a password of their own, generated at their creation, shown once and kept only as
 * a bcrypt hash; created once per store, so an admin who renamed or deactivated one never sees it come back.
 */
class DemoLoginsTest {
    /** The password every demo store had before it was generated; it must never let anyone in. */
    private static final String FORMER_PUBLISHED_PASSWORD = "baton-demo-2026";

    private final RedisClient redis = TestRedis.newClient();
    private final RedisKeys keys = TestRedis.newKeys();

    @AfterEach
    void cleanUp() {
        TestRedis.clean(redis, keys);
        redis.close();
    }

    private BatonApp startDemo() {
        return BatonApp.start(BatonConfig.defaults().withPort(0).withRedisUrl(TestRedis.url()).withDemo(true)
                .withNamespace(keys.namespace()));
    }

    private static Map<String, DemoLogin> byEmail(List<DemoLogin> logins) {
        return logins.stream().collect(Collectors.toMap(DemoLogin::email, Function.identity()));
    }

    @Test
    void demo_logins_get_passwords_shown_once_are_kept_as_hashes_and_never_come_back_after_a_change() {
        String alexPassword;
        try (BatonApp first = startDemo()) {
            Map<String, DemoLogin> logins = byEmail(first.demoLogins());
            assertEquals(Map.of("alex@perkful.example", AgentRole.ADMIN, "sam@perkful.example", AgentRole.AGENT),
                    logins.values().stream().collect(Collectors.toMap(DemoLogin::email, DemoLogin::role)));
            alexPassword = logins.get("alex@perkful.example").password();
            String samPassword = logins.get("sam@perkful.example").password();
            assertNotNull(alexPassword, "a new login shows its password");
            assertTrue(alexPassword.length() >= 16, alexPassword);
            assertNotEquals(alexPassword, samPassword, "each demo agent has a password of its own");
            String banner = String.join("\n", Main.banner(first));
            assertTrue(banner.contains(alexPassword) && banner.contains(samPassword), banner);
            assertTrue(banner.contains("admin password --email"), "the banner says how to set a new one: " + banner);

            var alex = new ConsoleApi(first.port()).login("alex@perkful.example", alexPassword);
            assertEquals(200, alex.status(), alex.body()::toString);
            assertEquals("admin", alex.body().path("agent").path("role").asText());
            assertEquals(401, new ConsoleApi(first.port()).login("sam@perkful.example", FORMER_PUBLISHED_PASSWORD)
                    .status());
            String stored = String.join("\n", redis.hgetAll(keys.agents()).values());
            assertFalse(stored.contains(alexPassword) || stored.contains(samPassword), "no password in clear");
            assertTrue(stored.contains("\"passwordHash\":\"$2a$"), "bcrypt hashes");
        }

        try (BatonApp again = startDemo()) {
            Map<String, DemoLogin> logins = byEmail(again.demoLogins());
            assertEquals(List.of("alex@perkful.example", "sam@perkful.example"),
                    logins.keySet().stream().sorted().toList(), "every start names the demo logins");
            logins.values().forEach(login -> assertNull(login.password(), "shown only when it was made"));
            String banner = String.join("\n", Main.banner(again));
            assertTrue(banner.contains("alex@perkful.example") && !banner.contains(alexPassword), banner);

            // The admin makes the demo team their own: a new email for Alex, Sam deactivated.
            ConsoleApi alex = ConsoleApi.loggedIn(again.port(), "alex@perkful.example", alexPassword);
            Map<String, String> ids = agentIds(alex);
            var renamed = alex.put("/api/agents/" + ids.get("alex@perkful.example"), Map.of(
                    "email", "owner@perkful.example", "name", "Alex Morgan", "role", "admin"));
            assertEquals(200, renamed.status(), renamed.body()::toString);
            var deactivated = alex.post("/api/agents/" + ids.get("sam@perkful.example") + "/deactivate", Map.of());
            assertEquals(200, deactivated.status(), () -> String.valueOf(deactivated.body()));
        }

        try (BatonApp third = startDemo()) {
            assertEquals(List.of(), third.demoLogins(), "no demo login is left to report");
            Map<String, JsonNode> team = new java.util.HashMap<>();
            for (String json : redis.hgetAll(keys.agents()).values()) {
                JsonNode agent = readJson(json);
                team.put(agent.path("email").asText(), agent);
            }
            assertEquals(List.of("owner@perkful.example", "sam@perkful.example"),
                    team.keySet().stream().sorted().toList(), "the renamed admin is not created again");
            assertTrue(team.get("sam@perkful.example").hasNonNull("deactivatedAt"), "Sam stays deactivated");
            assertEquals(200, new ConsoleApi(third.port()).login("owner@perkful.example", alexPassword).status());
        }
    }

    @Test
    void a_demo_store_names_its_demo_logins_at_every_start_not_only_the_one_that_loaded_it() throws Exception {
        var defaults = BatonConfig.defaults().withPort(0).withRedisUrl(TestRedis.url()).withNamespace(keys.namespace());
        try (BatonApp first = BatonApp.start(defaults)) {
            assertEquals(2, first.demoLogins().size(), "an empty store becomes a demo store");
            // One story whoever logs in, at any hour: a refund waits in Billing's queue, both demo agents in it.
            var billing = new dev.baton.store.RedisRoutingStore(redis, keys, dev.baton.store.Json.newMapper())
                    .team("billing").orElseThrow();
            assertFalse(billing.autoAssign(), "claimed by hand, so it shows in Waiting");
            assertNull(billing.businessHours(), "around the clock");
            for (String json : redis.hgetAll(keys.agents()).values()) {
                assertTrue(readJson(json).path("teams").toString().contains("billing"), json);
            }
        }
        try (BatonApp second = BatonApp.start(defaults)) {
            String banner = String.join("\n", Main.banner(second));
            assertTrue(banner.contains("alex@perkful.example (admin)") && banner.contains("sam@perkful.example"),
                    banner);
            assertTrue(banner.contains("Their passwords were shown when they were created"), banner);

            // The demo page signs in a demo customer: a token the messenger's hello is verified with.
            var signed = new ConsoleApi(second.port()).post("/demo/identity", Map.of());
            assertEquals(200, signed.status(), signed.body()::toString);
            ChatClient maria = ChatClient.connect(second.port());
            var hello = ChatClient.frame("hello").put("visitorId", "visitor-" + System.nanoTime());
            hello.putObject("identity").put("token", signed.body().path("token").asText());
            maria.sendFrame(hello);
            assertEquals("Maria", maria.next("welcome").path("greetName").asText());
            maria.closeNow();
            try (Browser browser = new Browser()) {
                browser.driver.get("http://localhost:" + second.port() + "/");
                browser.waitFor(d -> d.findElement(By.id("demo-customer"))).click();
                for (int load = 0; load < 2; load++) {
                    if (load == 1) {
                        browser.driver.navigate().refresh();
                    }
                    // She is greeted by name on the help center the messenger opens on, then in the chat. After
                    // the reload the messenger may open on either: the conversation her verified identity resumes
                    // moves it to the chat once its history arrives, which can be before or after this look.
                    browser.driver.executeScript("Baton.open();");
                    if (load == 0) {
                        browser.waitFor(d -> browser.messenger().findElement(By.cssSelector(".help h3")).getText()
                                .equals("Hi Maria! Search our help center"));
                    }
                    browser.chatComposer();
                    browser.waitFor(d -> browser.messenger().findElement(By.cssSelector(".msg.system .bubble"))
                            .getText().startsWith("Hi Maria!"));
                }
                assertEquals(Boolean.TRUE, browser.driver.executeScript(
                        "return document.getElementById('demo-customer').checked;"), "a reload stays signed in");
            }
        }
        try (BatonApp noDemo = BatonApp.start(defaults.withDemo(false))) {
            assertEquals(List.of(), noDemo.demoLogins(), "--no-demo names no demo login");
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + noDemo.port()
                    + "/demo/identity")).POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build();
            assertEquals(404, java.net.http.HttpClient.newHttpClient().send(request,
                    java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode(), "no demo customer outside a demo store");
        }
    }

    private static JsonNode readJson(String json) {
        try {
            return JsonSocketClient.JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Map<String, String> agentIds(ConsoleApi admin) {
        Map<String, String> ids = new java.util.HashMap<>();
        admin.get("/api/agents").body().path("agents")
                .forEach(agent -> ids.put(agent.path("email").asText(), agent.path("id").asText()));
        return ids;
    }
}
