package dev.baton.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.conversation.ConversationService;
import dev.baton.conversation.Owner;
import dev.baton.routing.Agent;
import dev.baton.routing.AgentRole;
import dev.baton.testing.FixtureArticles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The agent REST API and socket over real HTTP: who gets in, who may do what, and the claim race. */
class ConsoleApiTest {
    private static final String PASSWORD = "correct horse battery";
    private static TestApp baton;
    private static ConversationService conversations;
    private static Agent ana;
    private static Agent ben;
    private final List<JsonSocketClient> sockets = new ArrayList<>();

    @BeforeAll
    static void start() {
        baton = new TestApp(FixtureArticles.all(), config -> config.withAdmin("admin@test.example", PASSWORD));
        conversations = baton.conversations();
        // In no team of their own, so nothing is routed to them by the handoffs these tests make.
        ana = baton.addAgent("ana@test.example", "Ana Ortiz", AgentRole.AGENT, 5, PASSWORD, "general");
        ben = baton.addAgent("ben@test.example", "Ben Okafor", AgentRole.AGENT, 5, PASSWORD, "general");
    }

    @AfterAll
    static void stop() {
        baton.close();
    }

    @AfterEach
    void disconnect() {
        sockets.forEach(JsonSocketClient::closeNow);
    }

    private static ConsoleApi as(Agent agent) {
        return ConsoleApi.loggedIn(baton.port(), agent.email(), PASSWORD);
    }

    /** A customer asks for a refund; the conversation waits for the team. */
    private String waitingConversation() {
        ChatClient customer = ChatClient.connect(baton.port());
        sockets.add(customer);
        String id = customer.helloAsNewVisitor().path("conversationId").asText();
        customer.ask("m1", "I want a refund for my last invoice");
        customer.nextMessageFrom("customer");
        assertEquals("handoff", customer.next("handoff").path("type").asText());
        return id;
    }

    @Test
    void every_agent_endpoint_refuses_a_caller_without_a_session() {
        ConsoleApi stranger = new ConsoleApi(baton.port());
        String id = waitingConversation();
        List<String[]> endpoints = List.of(
                new String[] {"GET", "/api/me"}, new String[] {"GET", "/api/conversations?view=waiting"},
                new String[] {"GET", "/api/conversations/" + id}, new String[] {"POST", "/api/conversations/" + id
                        + "/claim"}, new String[] {"POST", "/api/conversations/" + id + "/messages"},
                new String[] {"POST", "/api/conversations/" + id + "/notes"}, new String[] {"POST",
                        "/api/conversations/" + id + "/transfer"}, new String[] {"POST", "/api/conversations/" + id
                        + "/return-to-bot"}, new String[] {"POST", "/api/conversations/" + id + "/resolve"},
                new String[] {"POST", "/api/conversations/" + id + "/reopen"}, new String[] {"GET", "/api/agents"},
                new String[] {"POST", "/api/agents"}, new String[] {"GET", "/api/teams"}, new String[] {"PUT",
                        "/api/routing"}, new String[] {"GET", "/api/canned"}, new String[] {"PUT", "/api/me/status"});

        for (String[] endpoint : endpoints) {
            var response = stranger.send(endpoint[0], endpoint[1], Map.of("text", "hi"), false);
            assertEquals(401, response.status(), () -> endpoint[0] + " " + endpoint[1]);
            assertEquals("login_required", response.errorCode(), () -> endpoint[0] + " " + endpoint[1]);
        }
        assertEquals(Owner.WAITING, conversations.find(id).orElseThrow().owner());
    }

    @Test
    void the_agent_socket_refuses_an_upgrade_without_a_session() {
        AgentClient anonymous = AgentClient.of(baton.port(), null);
        ConsoleApi forged = new ConsoleApi(baton.port());
        forged.login("ben@test.example", "wrong password");

        assertFalse(anonymous.tryOpen());
        assertTrue(anonymous.closeReason().contains("401"), anonymous.closeReason());
        AgentClient withBadCookie = AgentClient.of(baton.port(), forged);
        assertFalse(withBadCookie.tryOpen());
    }

    @Test
    void the_agent_socket_refuses_a_binary_frame_with_an_error_and_still_serves() {
        AgentClient console = AgentClient.of(baton.port(), as(ana)).open();
        sockets.add(console);

        console.send(new byte[] {0, 1, 2});
        JsonNode refused = nextSkippingPresence(console);
        console.sendFrame(JsonSocketClient.frame("hello"));
        JsonNode welcome = nextSkippingPresence(console);

        assertEquals("error", refused.path("type").asText(), refused::toString);
        assertEquals("bad_json", refused.path("code").asText());
        assertEquals("welcome", welcome.path("type").asText(), welcome::toString);
        assertEquals(ana.id(), welcome.path("agent").path("id").asText());
    }

    /** The next frame that is not about someone's presence (their consoles come and go as tests run). */
    private static JsonNode nextSkippingPresence(AgentClient console) {
        JsonNode frame = console.nextFrame();
        while ("presence".equals(frame.path("type").asText())) {
            frame = console.nextFrame();
        }
        return frame;
    }

    @Test
    void an_agent_may_not_use_the_admin_endpoints() {
        ConsoleApi agent = as(ana);
        var teamsBefore = agent.get("/api/teams").body();

        List<ConsoleApi.Response> refused = List.of(
                agent.post("/api/agents", Map.of("email", "eve@test.example", "name", "Eve", "password", PASSWORD,
                        "role", "admin")),
                agent.put("/api/agents/" + ana.id(), Map.of("email", ana.email(), "name", "Ana", "role", "admin")),
                agent.put("/api/teams/billing", Map.of("name", "Billing", "autoAssign", false)),
                agent.put("/api/routing", Map.of("refund", "general")),
                agent.post("/api/canned", Map.of("title", "x", "text", "y")),
                agent.delete("/api/canned/anything"));

        refused.forEach(response -> {
            assertEquals(403, response.status(), response.body()::toString);
            assertEquals("forbidden", response.errorCode());
        });
        assertEquals(teamsBefore, agent.get("/api/teams").body(), "nothing changed");
        assertTrue(agent.get("/api/agents").body().path("agents").findValuesAsText("email").stream()
                .noneMatch("eve@test.example"::equals));
        assertEquals("agent", agent.get("/api/me").body().path("agent").path("role").asText());
    }

    @Test
    void an_admin_may_use_them_and_bad_input_is_named() {
        ConsoleApi admin = ConsoleApi.loggedIn(baton.port(), "admin@test.example", PASSWORD);

        var created = admin.post("/api/agents", Map.of("email", "cam@test.example", "name", "Cam Lee", "password",
                PASSWORD, "role", "agent", "teams", List.of("technical"), "maxChats", 3, "timeZone", "Asia/Tokyo"));
        var duplicate = admin.post("/api/agents", Map.of("email", "CAM@test.example", "name", "Cam 2", "password",
                PASSWORD, "role", "agent"));
        var badZone = admin.post("/api/agents", Map.of("email", "dee@test.example", "name", "Dee", "password",
                PASSWORD, "role", "agent", "timeZone", "Mars/Olympus"));
        var badReason = admin.put("/api/routing", Map.of("weather", "general"));
        var badTeam = admin.put("/api/routing", Map.of("refund", "nobody"));
        var badHours = admin.put("/api/teams/night", Map.of("name", "Night", "businessHours",
                Map.of("timeZone", "Asia/Tokyo", "days", Map.of("mon", List.of(List.of("18:00", "09:00"))))));

        assertEquals(201, created.status(), created.body()::toString);
        assertEquals(List.of("technical"), List.of(created.body().path("teams").get(0).asText()));
        assertEquals(409, duplicate.status());
        assertEquals("email_taken", duplicate.errorCode());
        assertEquals(400, badZone.status());
        assertTrue(badZone.body().path("message").asText().contains("timeZone"));
        assertEquals(400, badReason.status());
        assertTrue(badReason.body().path("message").asText().contains("weather"));
        assertEquals(400, badTeam.status());
        assertEquals(400, badHours.status(), badHours.body()::toString);
        assertTrue(admin.get("/api/teams").body().path("teams").findValuesAsText("id").stream()
                .noneMatch("night"::equals), "a bad team is not saved");
        assertEquals(200, ConsoleApi.loggedIn(baton.port(), "cam@test.example", PASSWORD).get("/api/me").status());
    }

    @Test
    void a_change_without_the_csrf_token_is_refused() {
        ConsoleApi agent = as(ana);
        String id = waitingConversation();

        var forged = agent.send("POST", "/api/conversations/" + id + "/claim", Map.of(), false);

        assertEquals(403, forged.status());
        assertEquals("csrf", forged.errorCode());
        assertEquals(Owner.WAITING, conversations.find(id).orElseThrow().owner());
        assertEquals(200, agent.get("/api/conversations/" + id).status(), "reading needs no token");
    }

    @Test
    void only_the_agent_holding_a_conversation_acts_on_it_and_the_others_see_who_does() {
        ConsoleApi anaApi = as(ana);
        ConsoleApi benApi = as(ben);
        String id = waitingConversation();
        String path = "/api/conversations/" + id;
        assertEquals(200, anaApi.post(path + "/claim", Map.of()).status());

        var claim = benApi.post(path + "/claim", Map.of());
        var reply = benApi.post(path + "/messages", Map.of("text", "Hi, Ben here"));
        var resolve = benApi.post(path + "/resolve", Map.of());
        var back = benApi.post(path + "/return-to-bot", Map.of());
        var transfer = benApi.post(path + "/transfer", Map.of("team", "technical", "note", "mine now"));
        var note = benApi.post(path + "/notes", Map.of("text", "Customer called on the phone too."));

        assertEquals(409, claim.status());
        assertEquals("claimed", claim.errorCode());
        assertEquals("Ana Ortiz", claim.body().path("heldBy").path("name").asText());
        assertEquals("Ana Ortiz has this conversation.", claim.body().path("message").asText());
        for (var refused : List.of(reply, resolve, back, transfer)) {
            assertEquals(409, refused.status(), refused.body()::toString);
            assertEquals("not_yours", refused.errorCode());
        }
        assertEquals(201, note.status(), "any teammate may leave a private note");
        var conversation = conversations.find(id).orElseThrow();
        assertEquals(Owner.AGENT, conversation.owner());
        assertEquals(ana.id(), conversation.handling().assignee());
        JsonNode transcript = anaApi.get(path).body().path("transcript");
        assertTrue(transcript.findValuesAsText("text").stream().noneMatch("Hi, Ben here"::equals));
    }

    @Test
    void of_many_agents_claiming_at_once_exactly_one_wins() throws Exception {
        List<ConsoleApi> team = new ArrayList<>();
        List<Agent> members = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Agent agent = baton.addAgent("racer" + i + "@test.example", "Racer " + i, AgentRole.AGENT, 5, PASSWORD,
                    "general");
            members.add(agent);
            team.add(as(agent));
        }
        ExecutorService pool = Executors.newFixedThreadPool(team.size());
        try {
            for (int round = 0; round < 5; round++) {
                String path = "/api/conversations/" + waitingConversation() + "/claim";
                CountDownLatch go = new CountDownLatch(1);
                List<Future<ConsoleApi.Response>> claims = new ArrayList<>();
                for (ConsoleApi api : team) {
                    claims.add(pool.submit(() -> {
                        go.await();
                        return api.post(path, Map.of());
                    }));
                }
                go.countDown();
                List<ConsoleApi.Response> responses = new ArrayList<>();
                for (var claim : claims) {
                    responses.add(claim.get());
                }

                var winners = responses.stream().filter(r -> r.status() == 200).toList();
                assertEquals(1, winners.size(), "one claim wins in round " + round);
                String winner = winners.get(0).body().path("assignee").path("id").asText();
                assertTrue(members.stream().anyMatch(agent -> agent.id().equals(winner)));
                responses.stream().filter(r -> r.status() != 200).forEach(lost -> {
                    assertEquals(409, lost.status());
                    assertEquals(winner, lost.body().path("heldBy").path("id").asText());
                });
                String id = path.split("/")[3];
                assertEquals(winner, conversations.find(id).orElseThrow().handling().assignee());
                assertEquals(1, conversations.eventsAfter(id, null).stream()
                        .filter(e -> e.event().type().equals("conversation.assigned")).count());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void logins_are_checked_and_limited_and_the_cookie_is_safe() {
        Agent dana = baton.addAgent("dana@test.example", "Dana Kim", AgentRole.AGENT, 5, PASSWORD);
        ConsoleApi browser = new ConsoleApi(baton.port());

        var good = browser.login(dana.email(), PASSWORD);
        String setCookie = good.raw().headers().firstValue("Set-Cookie").orElseThrow();
        List<Integer> wrong = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            wrong.add(new ConsoleApi(baton.port()).login(dana.email(), "guess " + i).status());
        }
        var blocked = new ConsoleApi(baton.port()).login(dana.email(), PASSWORD);
        var unknown = new ConsoleApi(baton.port()).login("nobody@test.example", PASSWORD);
        var malformed = browser.send("POST", "/api/login", "not json", false);

        assertEquals(200, good.status());
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.contains("SameSite=Strict"), setCookie);
        assertFalse(good.body().toString().contains("passwordHash"));
        assertEquals(List.of(401, 401, 401, 401, 401), wrong);
        assertEquals(429, blocked.status(), "even the right password waits after five wrong ones");
        assertNotNull(blocked.raw().headers().firstValue("Retry-After").orElse(null));
        assertEquals(401, unknown.status());
        assertEquals("invalid_login", unknown.errorCode());
        assertEquals(400, malformed.status());
        assertEquals(200, browser.get("/api/me").status(), "a session started earlier still works");
        assertEquals(204, browser.post("/api/logout", Map.of()).status());
        assertEquals(401, browser.get("/api/me").status(), "logged out");
    }

    @Test
    void bad_requests_get_clear_errors_and_change_nothing() {
        ConsoleApi agent = as(ana);
        String id = waitingConversation();
        String path = "/api/conversations/" + id;

        assertEquals(400, agent.get("/api/conversations?view=everything").status());
        assertEquals(400, agent.get("/api/conversations?limit=0").status());
        assertEquals(404, agent.get("/api/conversations/no-such-id").status());
        assertEquals(404, agent.post("/api/conversations/no-such-id/claim", Map.of()).status());
        assertEquals(400, agent.post(path + "/notes", Map.of("text", " ")).status());
        assertEquals(400, agent.post(path + "/messages", Map.of("text", "x".repeat(4001))).status());
        assertEquals(400, agent.post(path + "/transfer", Map.of("team", "billing", "agentId", ben.id())).status());
        assertEquals(400, agent.post(path + "/read", Map.of("seq", "yesterday")).status());
        assertEquals(400, agent.send("POST", path + "/notes", "{\"text\":", true).status());
        var conversation = conversations.find(id).orElseThrow();
        assertEquals(Owner.WAITING, conversation.owner());
        assertEquals(2, conversations.eventsAfter(id, null).stream()
                .filter(e -> e.event().type().equals("message.created")).count(), "the request and the handoff note");
    }

    @Test
    void a_private_note_never_reaches_the_customer_and_the_reply_comes_under_the_agents_name() {
        ConsoleApi anaApi = as(ana);
        ChatClient customer = ChatClient.connect(baton.port());
        sockets.add(customer);
        String id = customer.helloAsNewVisitor().path("conversationId").asText();
        customer.ask("m1", "I want a refund for my last invoice");
        customer.nextMessageFrom("customer");
        customer.next("handoff");
        customer.nextMessageFrom("system");
        String path = "/api/conversations/" + id;

        anaApi.post(path + "/claim", Map.of());
        JsonNode joined = customer.next("agent_joined");
        anaApi.post(path + "/notes", Map.of("text", "Looks like a double charge — check Stripe."));
        anaApi.post(path + "/messages", Map.of("text", "Hi! I'm looking at your invoice now."));
        JsonNode reply = customer.nextMessageFrom("agent");

        assertEquals("Ana Ortiz", joined.path("agent").path("name").asText());
        assertEquals("Ana Ortiz", reply.path("author").path("name").asText());
        assertEquals("Hi! I'm looking at your invoice now.", reply.path("text").asText());
        customer.expectSilence(300);
        customer.closeNow();
        ChatClient again = ChatClient.connect(baton.port());
        sockets.add(again);
        again.sendFrame(JsonSocketClient.frame("hello").put("visitorId", "v").put("conversationId", id)
                .put("resumeToken", conversations.find(id).orElseThrow().id()));
        JsonNode refused = again.nextFrame();
        assertEquals("error", refused.path("type").asText(), "the conversation id alone resumes nothing");
    }

    @Test
    void the_console_socket_sends_every_change_and_catches_up_after_a_drop() {
        ConsoleApi anaApi = as(ana);
        AgentClient console = AgentClient.of(baton.port(), anaApi).open();
        sockets.add(console);
        String lastSeen = console.hello(null).path("lastEventId").asText();

        String first = waitingConversation();
        JsonNode created = console.nextEventOf(first);
        console.closeNow();
        String second = waitingConversation();
        anaApi.post("/api/conversations/" + first + "/claim", Map.of());
        AgentClient back = AgentClient.of(baton.port(), anaApi).open();
        sockets.add(back);
        back.hello(created.path("id").asText());

        assertEquals("message.created", created.path("eventType").asText());
        assertTrue(created.path("counts").has("waiting"));
        List<String> missed = new ArrayList<>();
        while (missed.size() < 10) {
            JsonNode frame = back.poll(1_500);
            if (frame == null) {
                break;
            }
            if ("event".equals(frame.path("type").asText())) {
                missed.add(frame.path("conversationId").asText() + " " + frame.path("eventType").asText());
            }
        }
        assertTrue(missed.contains(first + " conversation.handed_off"), missed::toString);
        assertTrue(missed.contains(second + " conversation.handed_off"), missed::toString);
        assertTrue(missed.contains(first + " conversation.assigned"), missed::toString);
        assertFalse(missed.contains(first + " message.created") && missed.indexOf(first + " message.created") == 0
                && lastSeen.equals(created.path("id").asText()), "nothing before the last seen event again");
    }
}
