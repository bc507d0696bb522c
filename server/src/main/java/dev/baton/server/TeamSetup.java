package dev.baton.server;

import dev.baton.access.AgentAccess;
import dev.baton.access.Passwords;
import dev.baton.inbox.CannedReplies;
import dev.baton.inbox.CannedReply;
import dev.baton.routing.Agent;
import dev.baton.routing.AgentRole;
import dev.baton.routing.AgentStore;
import dev.baton.routing.BusinessHours;
import dev.baton.routing.RoutingStore;
import dev.baton.routing.Team;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a fresh Baton starts with on the team side: three teams and the rules that route handoffs to them, a few
 * canned replies, the first admin from the environment, and in demo mode two demo agents whose logins are printed.
 */
final class TeamSetup {
    private static final Logger log = LoggerFactory.getLogger(TeamSetup.class);

    private record DemoAgent(String email, String name, AgentRole role, List<String> teams) {}

    private static final List<DemoAgent> DEMO_TEAM = List.of(
            new DemoAgent("alex@perkful.example", "Alex Morgan", AgentRole.ADMIN, List.of("billing", "general")),
            new DemoAgent("sam@perkful.example", "Sam Rivera", AgentRole.AGENT,
                    List.of("billing", "technical", "general")));

    private TeamSetup() {}

    /** Teams, rules and canned replies, when there are none yet. */
    static void defaults(RoutingStore routing, CannedReplies canned) {
        if (routing.teams().isEmpty()) {
            var weekdays = new BusinessHours("America/New_York", Map.of(
                    "mon", List.of(List.of("08:00", "20:00")), "tue", List.of(List.of("08:00", "20:00")),
                    "wed", List.of(List.of("08:00", "20:00")), "thu", List.of(List.of("08:00", "20:00")),
                    "fri", List.of(List.of("08:00", "20:00"))));
            routing.saveTeam(new Team("billing", "Billing", true, weekdays, 10));
            routing.saveTeam(new Team("technical", "Technical", true, null, 15));
            routing.saveTeam(new Team("general", "General", true, null, 5));
            Map<String, String> rules = new LinkedHashMap<>();
            rules.put("cancel", "billing");
            rules.put("refund", "billing");
            rules.put("low_confidence", "technical");
            rules.put("not_helpful", "technical");
            rules.put("complaint", "general");
            rules.put("human_requested", "general");
            rules.put("frustration", "general");
            routing.saveRules(rules);
        }
        if (canned.all().isEmpty()) {
            canned.save(new CannedReply(UUID.randomUUID().toString(), "Greeting",
                    "Hi {{customer.firstName}}, I'm {{agent.name}} from the Perkful team. I've read our conversation "
                            + "so far and I'm on it."));
            canned.save(new CannedReply(UUID.randomUUID().toString(), "Refund on its way",
                    "Good news, {{customer.firstName}}: I've issued the refund. It usually reaches your card within "
                            + "5-10 business days, and a credit note is already in Settings → Billing → Invoices."));
            canned.save(new CannedReply(UUID.randomUUID().toString(), "Anything else?",
                    "Is there anything else I can help you with today, {{customer.firstName}}?"));
        }
    }

    /** The first admin from BATON_ADMIN_EMAIL and BATON_ADMIN_PASSWORD, when there is no admin yet. */
    static void firstAdmin(AgentStore agents, Passwords passwords, String email, String password) {
        if (email == null || password == null || email.isBlank() || agents.anyAdmin()) {
            return;
        }
        createAgent(agents, passwords, email, "Admin", AgentRole.ADMIN, password, List.of());
        log.info("Created the first admin, {}", email);
    }

    /**
     * The demo agents, Alex (an admin) and Sam: made once per store, each with a password generated for it and
     * returned to be shown once (only its bcrypt hash is kept). Later starts return those of them still there and
     * active, without a password; one whose email was changed, or who was deactivated, is not made again.
     */
    static List<DemoLogin> demoAgents(AgentStore agents, Passwords passwords, AgentAccess access,
            RoutingStore routing) {
        boolean first = agents.markDemoTeamCreated();
        if (first) {
            demoBilling(routing);
        }
        List<DemoLogin> logins = new ArrayList<>();
        for (DemoAgent demo : DEMO_TEAM) {
            Optional<Agent> existing = agents.findByEmail(demo.email());
            if (!first) {
                existing.filter(Agent::active).ifPresent(agent -> logins.add(new DemoLogin(agent.email(),
                        agent.role(), null)));
                continue;
            }
            String password = Passwords.generate();
            if (existing.isPresent()) {
                // Made by an earlier Baton, which gave every demo store one published password: it changes now.
                access.changePassword(existing.get(), password, null);
            } else {
                createAgent(agents, passwords, demo.email(), demo.name(), demo.role(), password, demo.teams());
            }
            logins.add(new DemoLogin(demo.email(), existing.map(Agent::role).orElse(demo.role()), password));
        }
        return logins;
    }

    /**
     * The demo tells one story whoever is logged in and whatever the time: a refund waits in Waiting for a person to
     * claim it (Billing claims by hand, around the clock), and both demo agents are in Billing.
     */
    private static void demoBilling(RoutingStore routing) {
        routing.team("billing").ifPresent(billing -> routing.saveTeam(new Team(billing.id(), billing.name(), false,
                null, billing.replyMinutes())));
    }

    static Agent createAgent(AgentStore agents, Passwords passwords, String email, String name, AgentRole role,
            String password, List<String> teams) {
        Agent agent = new Agent(UUID.randomUUID().toString(), email, name, null, role, teams, "UTC", 5,
                passwords.hash(password), null);
        if (!agents.save(agent)) {
            throw new IllegalArgumentException("an agent with the email " + email + " exists already");
        }
        return agent;
    }
}
