package dev.baton.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.conversation.Conversation;
import dev.baton.conversation.Owner;
import dev.baton.routing.Agent;
import dev.baton.routing.AgentRole;
import dev.baton.testing.FixtureArticles;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who keeps access to the console, on two nodes of one Redis: the agent socket's Origin check, and sockets and
 * sessions that end at logout, deactivation and password change, on every node within a second or two.
 */
class AgentAccessTest {
    private static final String PASSWORD = "correct horse battery";
    private static final String PUBLIC_URL = "https://support.perkful.example";
    /** Sockets must close this soon after the event, whichever node they are on. */
    private static final long PROMPTLY_MS = 3_000;
    private static TestApp nodeA;
    private static TestApp nodeB;
    private static ConsoleApi admin;
    private final List<JsonSocketClient> sockets = new ArrayList<>();

    @BeforeAll
    static void start() {
        nodeA = new TestApp(FixtureArticles.all(), config -> config.withAdmin("admin@test.example", PASSWORD)
                .withPublicUrl(PUBLIC_URL));
        nodeB = nodeA.anotherNode();
        admin = ConsoleApi.loggedIn(nodeA.port(), "admin@test.example", PASSWORD);
    }

    @AfterAll
    static void stop() {
        nodeB.close();
        nodeA.close();
    }

    @AfterEach
    void disconnect() {
        sockets.forEach(JsonSocketClient::closeNow);
    }

    /**
     * An agent of their own for each test, in General unless the test says otherwise (an agent in no team serves
     * every team), so no refund, which goes to Billing, is routed to them unless the test wants it.
     */
    private static Agent newAgent(String name, String... teams) {
        String email = name.toLowerCase().replace(' ', '.') + "@test.example";
        return nodeA.addAgent(email, name, AgentRole.AGENT, 5, PASSWORD, teams.length == 0 ? new String[] {"general"}
                : teams);
    }

    /** A console socket of {@code api}'s session on the given node, said hello. */
    private AgentClient socket(TestApp node, ConsoleApi api) {
        AgentClient client = AgentClient.of(node.port(), api).open();
        sockets.add(client);
        client.hello(null);
        return client;
    }

    /** Proves the socket still works: a frame it does not know gets an answer. */
    private static void assertStillOpen(AgentClient client) {
        client.sendFrame(JsonSocketClient.frame("no-such-frame"));
        JsonNode answer;
        do {
            answer = client.nextFrame();
        } while (!"error".equals(answer.path("type").asText()));
        assertEquals("unknown_type", answer.path("code").asText());
    }

    @Test
    void a_page_of_another_origin_cannot_open_an_agent_socket_with_the_agents_cookie() {
        Agent kai = newAgent("Kai Moss");
        ConsoleApi browser = ConsoleApi.loggedIn(nodeA.port(), kai.email(), PASSWORD);

        AgentClient evil = AgentClient.of(nodeA.port(), browser, "https://evil.example");
        AgentClient sibling = AgentClient.of(nodeA.port(), browser, "http://localhost.evil.example:" + nodeA.port());
        assertFalse(evil.tryOpen(), "another site's page");
        assertTrue(evil.closeReason().contains("403"), evil.closeReason());
        assertFalse(sibling.tryOpen(), "a look-alike host");

        for (String origin : new String[] {"http://localhost:" + nodeA.port(), PUBLIC_URL, null}) {
            AgentClient allowed = AgentClient.of(nodeA.port(), browser, origin);
            assertTrue(allowed.tryOpen(), () -> origin + ": " + allowed.closeReason());
            sockets.add(allowed);
            assertEquals("welcome", allowed.hello(null).path("type").asText());
        }
    }

    @Test
    void logging_out_closes_that_sessions_sockets_on_every_node_and_no_other() {
        Agent lee = newAgent("Lee Park");
        ConsoleApi laptop = ConsoleApi.loggedIn(nodeA.port(), lee.email(), PASSWORD);
        ConsoleApi phone = ConsoleApi.loggedIn(nodeB.port(), lee.email(), PASSWORD);
        AgentClient onA = socket(nodeA, laptop);
        AgentClient onB = socket(nodeB, laptop);
        AgentClient phoneSocket = socket(nodeB, phone);

        assertEquals(204, laptop.post("/api/logout", Map.of()).status());

        assertEquals("4401 logged_out", onA.awaitClose(PROMPTLY_MS));
        assertEquals("4401 logged_out", onB.awaitClose(PROMPTLY_MS));
        assertStillOpen(phoneSocket);
        assertEquals(200, phone.get("/api/me").status());
    }

    @Test
    void a_deactivated_agent_is_out_at_once_and_their_conversations_go_back_to_the_queue() {
        Agent mia = newAgent("Mia Chen", "billing");
        ConsoleApi miaBrowser = ConsoleApi.loggedIn(nodeB.port(), mia.email(), PASSWORD);
        String conversationId = waitingRefund();
        assertEquals(200, miaBrowser.post("/api/conversations/" + conversationId + "/claim", Map.of()).status());
        AgentClient miaOnA = socket(nodeA, miaBrowser);
        AgentClient miaOnB = socket(nodeB, miaBrowser);
        // Nico comes online in billing after Mia claimed: routing has someone to give her conversation to.
        Agent nico = newAgent("Nico Ruiz", "billing");
        socket(nodeA, ConsoleApi.loggedIn(nodeA.port(), nico.email(), PASSWORD));

        var deactivated = admin.post("/api/agents/" + mia.id() + "/deactivate", Map.of());

        assertEquals(200, deactivated.status(), () -> String.valueOf(deactivated.body()));
        assertFalse(deactivated.body().path("active").asBoolean(true));
        assertEquals("4401 deactivated", miaOnA.awaitClose(PROMPTLY_MS));
        assertEquals("4401 deactivated", miaOnB.awaitClose(PROMPTLY_MS));
        assertEquals(401, miaBrowser.get("/api/me").status(), "the session is over");
        var login = new ConsoleApi(nodeA.port()).login(mia.email(), PASSWORD);
        assertEquals(403, login.status());
        assertEquals("deactivated", login.errorCode());
        Conversation reassigned = await().until(() -> conversation(conversationId),
                c -> nico.id().equals(c.handling().assignee()));
        assertEquals(Owner.AGENT, reassigned.owner(), "back in the queue, and routing gave it to Nico, not Mia");
        assertTrue(nodeA.conversations().eventsAfter(conversationId, null).stream()
                .anyMatch(e -> e.event().type().equals("conversation.transferred")), "the transcript says why");

        // Saving her again does not bring her back; reactivating does.
        var saved = admin.put("/api/agents/" + mia.id(), Map.of("email", mia.email(), "name", "Mia Chen",
                "role", "agent", "teams", List.of("billing")));
        assertEquals(200, saved.status(), saved.body()::toString);
        assertFalse(saved.body().path("active").asBoolean(true));
        assertEquals(403, new ConsoleApi(nodeA.port()).login(mia.email(), PASSWORD).status());
        var reactivated = admin.post("/api/agents/" + mia.id() + "/reactivate", Map.of());
        assertEquals(200, reactivated.status());
        assertTrue(reactivated.body().path("active").asBoolean(false));
        assertEquals(200, new ConsoleApi(nodeB.port()).login(mia.email(), PASSWORD).status());
    }

    @Test
    void changing_ones_password_ends_ones_other_sessions_everywhere() {
        Agent noor = newAgent("Noor Aziz");
        ConsoleApi desk = ConsoleApi.loggedIn(nodeA.port(), noor.email(), PASSWORD);
        ConsoleApi laptop = ConsoleApi.loggedIn(nodeB.port(), noor.email(), PASSWORD);
        AgentClient deskSocket = socket(nodeA, desk);
        AgentClient laptopSocket = socket(nodeB, laptop);
        String newPassword = "a brand new passphrase";

        var wrongCurrent = desk.put("/api/me/password", Map.of("currentPassword", "not it at all",
                "newPassword", newPassword));
        var tooShort = desk.put("/api/me/password", Map.of("currentPassword", PASSWORD, "newPassword", "short"));
        var changed = desk.put("/api/me/password", Map.of("currentPassword", PASSWORD, "newPassword", newPassword));

        assertEquals(403, wrongCurrent.status());
        assertEquals("wrong_password", wrongCurrent.errorCode());
        assertEquals(400, tooShort.status());
        assertEquals(204, changed.status(), () -> String.valueOf(changed.body()));
        assertEquals("4401 password_changed", laptopSocket.awaitClose(PROMPTLY_MS));
        assertEquals(401, laptop.get("/api/me").status());
        assertStillOpen(deskSocket);
        assertEquals(200, desk.get("/api/me").status(), "the session that changed it stays");
        assertEquals(401, new ConsoleApi(nodeA.port()).login(noor.email(), PASSWORD).status());
        assertEquals(200, new ConsoleApi(nodeB.port()).login(noor.email(), newPassword).status());
    }

    @Test
    void an_admins_password_reset_ends_every_session_of_that_agent() {
        Agent omar = newAgent("Omar Said");
        ConsoleApi browser = ConsoleApi.loggedIn(nodeB.port(), omar.email(), PASSWORD);
        AgentClient onA = socket(nodeA, browser);

        var reset = admin.put("/api/agents/" + omar.id(), Map.of("email", omar.email(), "name", omar.name(),
                "role", "agent", "teams", List.of("general"), "password", "reset by the admin"));

        assertEquals(200, reset.status(), reset.body()::toString);
        assertEquals("4401 password_changed", onA.awaitClose(PROMPTLY_MS));
        assertEquals(401, browser.get("/api/me").status());
        assertEquals(200, new ConsoleApi(nodeA.port()).login(omar.email(), "reset by the admin").status());
    }

    @Test
    void saving_an_agent_without_a_role_is_refused_and_changes_nothing() {
        Agent pia = newAgent("Pia Holm");
        assertEquals(200, admin.put("/api/agents/" + pia.id(), Map.of("email", pia.email(), "name", pia.name(),
                "role", "admin", "teams", List.of("general"))).status());

        var withoutRole = admin.put("/api/agents/" + pia.id(), Map.of("email", pia.email(), "name", "Pia H."));
        var newWithoutRole = admin.post("/api/agents", Map.of("email", "quinn@test.example", "name", "Quinn",
                "password", PASSWORD));

        assertEquals(400, withoutRole.status());
        assertTrue(withoutRole.body().path("message").asText().contains("role"), withoutRole.body()::toString);
        assertEquals(400, newWithoutRole.status());
        JsonNode stored = agentsByEmail().get(pia.email());
        assertEquals("admin", stored.path("role").asText(), "no silent demotion");
        assertEquals("Pia Holm", stored.path("name").asText());
        assertFalse(agentsByEmail().containsKey("quinn@test.example"));
    }

    @Test
    void bad_input_on_the_team_endpoints_is_a_400_with_a_message_never_a_500() {
        Agent rui = newAgent("Rui Costa");
        String path = "/api/agents/" + rui.id();
        Map<String, Object> nullTeam = new HashMap<>(Map.of("email", rui.email(), "name", rui.name(),
                "role", "agent"));
        nullTeam.put("teams", java.util.Arrays.asList("general", null));
        List<Object> bodies = List.of("not json", "[]", "null", "{\"email\": 42, \"name\": [], \"role\": {}}",
                nullTeam,
                Map.of("email", rui.email(), "name", rui.name(), "role", "owner"),
                Map.of("email", rui.email(), "name", rui.name(), "role", "agent", "teams", "general"),
                Map.of("email", rui.email(), "name", rui.name(), "role", "agent", "maxChats", "lots"),
                Map.of("email", rui.email(), "name", rui.name(), "role", "agent", "maxChats", 1e12),
                Map.of("email", rui.email(), "name", rui.name(), "role", "agent", "timeZone", ""),
                Map.of("email", rui.email(), "name", rui.name(), "role", "agent", "avatarUrl", "javascript:alert(1)"),
                Map.of("email", rui.email(), "name", rui.name(), "role", "agent", "password", "short"),
                Map.of("email", "not-an-email", "name", rui.name(), "role", "agent"));

        for (Object body : bodies) {
            for (var response : List.of(admin.send("PUT", path, body, true),
                    admin.send("POST", "/api/agents", body, true))) {
                assertEquals(400, response.status(), () -> body + " -> " + response.body());
                assertFalse(response.body().path("message").asText().isBlank(), () -> body + " has a message");
            }
        }
        var unreadable = admin.send("PUT", "/api/me/password", "{\"currentPassword\": [1]", true);
        var missing = admin.put("/api/me/password", Map.of("newPassword", "a long enough one"));

        assertEquals(400, unreadable.status());
        assertEquals(400, missing.status());
        assertTrue(missing.body().path("message").asText().contains("currentPassword"), missing.body()::toString);
        assertEquals(404, admin.post("/api/agents/no-such-agent/deactivate", Map.of()).status());
        assertEquals(404, admin.post("/api/agents/no-such-agent/reactivate", Map.of()).status());
        JsonNode stored = agentsByEmail().get(rui.email());
        assertEquals(List.of(5, "Rui Costa", "agent"), List.of(stored.path("maxChats").asInt(),
                stored.path("name").asText(), stored.path("role").asText()), "nothing was saved");
    }

    @Test
    void nobody_deactivates_themselves_and_agents_may_not_deactivate_anyone() {
        String adminId = agentsByEmail().get("admin@test.example").path("id").asText();
        Agent sol = newAgent("Sol Vega");
        ConsoleApi solBrowser = ConsoleApi.loggedIn(nodeA.port(), sol.email(), PASSWORD);

        var self = admin.post("/api/agents/" + adminId + "/deactivate", Map.of());
        var byAgent = solBrowser.post("/api/agents/" + adminId + "/deactivate", Map.of());

        assertEquals(409, self.status());
        assertEquals("cannot_deactivate_self", self.errorCode());
        assertEquals(403, byAgent.status());
        assertEquals(200, admin.get("/api/me").status(), "the admin is still in");
    }

    /** The team as the admin's API shows it, by email. */
    private static Map<String, JsonNode> agentsByEmail() {
        Map<String, JsonNode> byEmail = new HashMap<>();
        admin.get("/api/agents").body().path("agents").forEach(a -> byEmail.put(a.path("email").asText(), a));
        return byEmail;
    }

    /** A customer asks for a refund: waiting in billing. */
    private String waitingRefund() {
        ChatClient customer = ChatClient.connect(nodeA.port());
        sockets.add(customer);
        String id = customer.helloAsNewVisitor().path("conversationId").asText();
        customer.ask("m1", "I want a refund for my last invoice");
        customer.nextMessageFrom("customer");
        customer.next("handoff");
        return id;
    }

    private static Conversation conversation(String id) {
        return nodeA.conversations().find(id).orElseThrow();
    }
}
