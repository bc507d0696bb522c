package dev.baton.routing;

import static dev.baton.testing.TestHandoffs.AVAILABLE;
import static dev.baton.testing.TestHandoffs.SYSTEM;
import static dev.baton.testing.TestHandoffs.context;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.conversation.ConversationService;
import dev.baton.conversation.Owner;
import dev.baton.inbox.AgentActions;
import dev.baton.inbox.InboxView;
import dev.baton.store.Json;
import dev.baton.store.RedisAgentStore;
import dev.baton.store.RedisConversationStore;
import dev.baton.store.RedisInbox;
import dev.baton.store.RedisKeys;
import dev.baton.store.RedisPresence;
import dev.baton.store.RedisRoutingStore;
import dev.baton.testing.TestClock;
import dev.baton.testing.TestRedis;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/** Auto-assignment against a real Redis: turns, capacity, presence and manual teams. */
class AssignerTest {
    private final RedisClient redis = TestRedis.newClient();
    private final RedisKeys keys = TestRedis.newKeys();
    private final TestClock clock = new TestClock(Instant.parse("2026-11-23T15:00:00Z"));
    private final RedisConversationStore store = new RedisConversationStore(redis, keys, Json.newMapper());
    private final ConversationService conversations = new ConversationService(store, "node-1", clock);
    private final RedisAgentStore agents = new RedisAgentStore(redis, keys, Json.newMapper());
    private final RedisRoutingStore teams = new RedisRoutingStore(redis, keys, Json.newMapper());
    private final RedisPresence presence = new RedisPresence(redis, keys, clock);
    private final RedisInbox inbox = new RedisInbox(redis, keys);
    private final Assigner assigner = new Assigner(inbox, store, new AgentActions(store, "node-1"),
            new Routing(teams, agents, presence, clock));

    @AfterEach
    void cleanUp() {
        assigner.close();
        TestRedis.clean(redis, keys);
        redis.close();
    }

    private Agent agent(String id, int maxChats, String... teamIds) {
        Agent agent = new Agent(id, id + "@perkful.example", "Agent " + id, null, AgentRole.AGENT, List.of(teamIds),
                "UTC", maxChats, null, null);
        agents.save(agent);
        return agent;
    }

    private String waiting(String team) {
        String id = conversations.start("visitor-" + team, "en").conversation().id();
        conversations.handOff(id, null, context("visitor"), team, AVAILABLE, SYSTEM, "bringing someone in");
        return id;
    }

    private List<String> waitingNow() {
        return inbox.list(InboxView.WAITING, null, 0, 100);
    }

    private Map<String, Integer> heldByAgent(List<String> ids) {
        Map<String, Integer> held = new TreeMap<>();
        for (String id : ids) {
            String assignee = store.find(id).orElseThrow().handling().assignee();
            held.merge(assignee == null ? "nobody" : assignee, 1, Integer::sum);
        }
        return held;
    }

    @Test
    void a_deactivated_agents_conversations_go_back_to_the_queue_and_to_nobody_deactivated() {
        teams.saveTeam(new Team("billing", "Billing", true, null, 10));
        Agent mia = agent("mia", 5, "billing");
        Agent admin = agent("admin", 5, "ops");
        presence.heartbeat("mia");
        List<String> ids = List.of(waiting("billing"), waiting("billing"));
        assigner.sweep();
        assertEquals(Map.of("mia", 2), heldByAgent(ids));

        Agent gone = mia.withDeactivatedAt(clock.millis());
        agents.save(gone);
        int released = assigner.takeBack(gone, admin);
        assigner.sweep();

        assertEquals(2, released);
        assertEquals(Map.of("nobody", 2), heldByAgent(ids), "still online by her heartbeat, but deactivated");
        assertEquals(ids.stream().sorted().toList(), waitingNow().stream().sorted().toList());
        agent("nico", 5, "billing");
        presence.heartbeat("nico");
        assigner.sweep();
        assertEquals(Map.of("nico", 2), heldByAgent(ids));
    }

    @Test
    void waiting_conversations_go_to_the_online_agents_of_their_team_in_turn() {
        teams.saveTeam(new Team("billing", "Billing", true, null, 10));
        agent("a", 5, "billing");
        agent("b", 5, "billing");
        agent("c", 5, "billing");
        agent("t", 5, "technical");
        List.of("a", "b", "c", "t").forEach(presence::heartbeat);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(waiting("billing"));
        }

        assigner.sweep();

        assertEquals(Map.of("a", 2, "b", 2, "c", 2), heldByAgent(ids), "two each, none to another team's agent");
        assertTrue(waitingNow().isEmpty());
        ids.forEach(id -> assertEquals(Owner.AGENT, store.find(id).orElseThrow().owner()));
    }

    @Test
    void nobody_gets_more_than_they_take_and_the_rest_waits_for_a_free_slot() {
        teams.saveTeam(new Team("billing", "Billing", true, null, 10));
        agent("a", 1, "billing");
        agent("b", 2, "billing");
        presence.heartbeat("a");
        presence.heartbeat("b");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(waiting("billing"));
        }

        assigner.sweep();

        assertEquals(Map.of("a", 1, "b", 2, "nobody", 2), heldByAgent(ids));
        assertEquals(2, waitingNow().size());
        String aHolds = ids.stream().filter(id -> "a".equals(store.find(id).orElseThrow().handling().assignee()))
                .findFirst().orElseThrow();

        conversations.resolve(aHolds, "a");
        assigner.sweep();

        assertEquals(1, waitingNow().size(), "the freed slot takes one more, no more");
        assertEquals(1, inbox.openCount("a"));
    }

    @Test
    void no_one_offline_or_away_is_given_a_conversation_and_it_waits_until_someone_is_online() {
        teams.saveTeam(new Team("billing", "Billing", true, null, 10));
        agent("gone", 5, "billing");
        agent("away", 5, "billing");
        agent("late", 5, "billing");
        presence.heartbeat("gone");
        clock.advance(Duration.ofSeconds(61));
        presence.heartbeat("away");
        presence.choose("away", Presence.State.AWAY);
        String id = waiting("billing");

        assigner.sweep();

        assertEquals(Owner.WAITING, store.find(id).orElseThrow().owner());
        assertEquals(List.of(id), waitingNow());

        presence.heartbeat("late");
        assigner.sweep();

        assertEquals("late", store.find(id).orElseThrow().handling().assignee());
    }

    @Test
    void a_team_set_to_manual_claiming_is_left_in_waiting() {
        teams.saveTeam(new Team("billing", "Billing", false, null, 10));
        agent("a", 5, "billing");
        presence.heartbeat("a");
        String id = waiting("billing");

        assigner.sweep();

        assertEquals(List.of(id), waitingNow());
    }

    @Test
    void an_agent_in_no_team_serves_every_team() {
        teams.saveTeam(new Team("technical", "Technical", true, null, 10));
        agent("generalist", 5);
        presence.heartbeat("generalist");
        String id = waiting("technical");

        assigner.sweep();

        assertEquals("generalist", store.find(id).orElseThrow().handling().assignee());
    }

    @Test
    void is_alive_once_started_and_not_after_it_stopped() {
        assertFalse(assigner.alive(), "not started");
        assigner.start();
        assertTrue(assigner.alive(), "started");
        assigner.close();
        assertFalse(assigner.alive(), "stopped");
    }
}
