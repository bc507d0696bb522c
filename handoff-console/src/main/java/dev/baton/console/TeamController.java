package dev.baton.console;

import dev.baton.access.AgentAccess;
import dev.baton.access.Passwords;
import dev.baton.event.Signal;
import dev.baton.event.Signals;
import dev.baton.handoff.Reason;
import dev.baton.inbox.CannedReplies;
import dev.baton.inbox.CannedReply;
import dev.baton.routing.Agent;
import dev.baton.routing.AgentRole;
import dev.baton.routing.AgentStore;
import dev.baton.routing.Assigner;
import dev.baton.routing.BusinessHours;
import dev.baton.routing.Presence;
import dev.baton.routing.Routing;
import dev.baton.routing.RoutingStore;
import dev.baton.routing.Team;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The team and its settings: agents (and their access: deactivating, reactivating, resetting a password), presence,
 * teams and routing rules, canned replies.
 */
public final class TeamController {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern AVATAR = Pattern.compile("https?://\\S{1,500}");

    private final AgentStore agents;
    private final RoutingStore routingStore;
    private final Routing routing;
    private final Presence presence;
    private final Assigner assigner;
    private final CannedReplies canned;
    private final Passwords passwords;
    private final AgentAccess access;
    private final Signals signals;
    private final Views views;
    private final int responseTargetSeconds;

    record AgentForm(String email, String password, String name, String role, List<String> teams, String timeZone,
            Integer maxChats, String avatarUrl) {}

    record TeamForm(String name, Boolean autoAssign, BusinessHours businessHours, Integer replyMinutes) {}

    record TeamView(String id, String name, boolean autoAssign, BusinessHours businessHours, int replyMinutes,
            boolean open, int onlineAgents) {}

    record Status(String status) {}

    record CannedForm(String title, String text) {}

    public TeamController(AgentStore agents, RoutingStore routingStore, Routing routing, Presence presence,
            Assigner assigner, CannedReplies canned, Passwords passwords, AgentAccess access, Signals signals,
            Views views, int responseTargetSeconds) {
        this.agents = agents;
        this.routingStore = routingStore;
        this.routing = routing;
        this.presence = presence;
        this.assigner = assigner;
        this.canned = canned;
        this.passwords = passwords;
        this.access = access;
        this.signals = signals;
        this.views = views;
        this.responseTargetSeconds = responseTargetSeconds;
    }

    public void agents(Context ctx) {
        ctx.json(Map.of("agents", agents.all().stream().map(views::agent).toList()));
    }

    public void teams(Context ctx) {
        List<TeamView> teams = routingStore.teams().stream().map(team -> {
            var availability = routing.availability(team.id());
            return new TeamView(team.id(), team.name(), team.autoAssign(), team.businessHours(), team.replyMinutes(),
                    availability.open(), availability.agentsOnline());
        }).toList();
        ctx.json(Map.of("teams", teams, "routing", routingStore.rules()));
    }

    public void settings(Context ctx) {
        ctx.json(Map.of("responseTargetSeconds", responseTargetSeconds));
    }

    public void status(Context ctx) {
        Agent agent = AccessGuard.agent(ctx);
        Status status = ctx.bodyAsClass(Status.class);
        Presence.State state;
        if (status != null && "online".equals(status.status())) {
            state = Presence.State.ONLINE;
        } else if (status != null && "away".equals(status.status())) {
            state = Presence.State.AWAY;
        } else {
            throw ApiError.badRequest("status is online or away");
        }
        presence.choose(agent.id(), state);
        signals.publish(Signal.presence(agent.id(), presence.of(agent.id()).name().toLowerCase(Locale.ROOT)));
        if (state == Presence.State.ONLINE) {
            assigner.nudge();
        }
        ctx.json(views.agent(agent));
    }

    public void createAgent(Context ctx) {
        AgentForm form = ApiError.body(ctx, AgentForm.class, "the agent's email, password, name and role");
        if (form.password() == null) {
            throw ApiError.badRequest("A new agent needs email, password, name and role.");
        }
        Agent agent = agentFrom(form, UUID.randomUUID().toString(), passwords.hash(form.password()), null);
        if (!agents.save(agent)) {
            throw new ApiError(HttpStatus.CONFLICT, "email_taken", "Another agent has that email.");
        }
        ctx.status(HttpStatus.CREATED).json(views.agent(agent));
    }

    /** Saves every field sent (role included: it is required, so a form that forgot it demotes nobody). */
    public void updateAgent(Context ctx) {
        Agent admin = AccessGuard.agent(ctx);
        Agent existing = find(ctx);
        AgentForm form = ApiError.body(ctx, AgentForm.class, "the agent's email, name and role");
        if (form.password() != null) {
            Passwords.requireAcceptable(form.password()); // before anything is saved
        }
        Agent agent = agentFrom(form, existing.id(), existing.passwordHash(), existing.deactivatedAt());
        if (existing.isAdmin() && !agent.isAdmin() && lastActiveAdmin(existing)) {
            throw new ApiError(HttpStatus.CONFLICT, "last_admin", existing.name() + " is the last active admin; "
                    + "make someone else an admin first.");
        }
        if (!agents.save(agent)) {
            throw new ApiError(HttpStatus.CONFLICT, "email_taken", "Another agent has that email.");
        }
        if (form.password() != null) {
            // A reset ends the agent's sessions; an admin resetting their own keeps the one they are using.
            String keep = admin.id().equals(agent.id()) ? AccessGuard.session(ctx).id() : null;
            agent = access.changePassword(agent, form.password(), keep);
        }
        ctx.json(views.agent(agent));
    }

    /**
     * Takes an agent's access away at once: no login, every session and socket of theirs ended on every node, and
     * their open conversations back in their teams' queues, where routing gives them to someone else (as Chatwoot
     * unassigns a removed agent's conversations). Their history stays, under their name.
     */
    public void deactivateAgent(Context ctx) {
        Agent admin = AccessGuard.agent(ctx);
        Agent agent = find(ctx);
        if (agent.id().equals(admin.id())) {
            throw new ApiError(HttpStatus.CONFLICT, "cannot_deactivate_self",
                    "You can't deactivate yourself; ask another admin.");
        }
        Agent deactivated = access.deactivate(agent);
        assigner.takeBack(deactivated, admin);
        signals.publish(Signal.presence(agent.id(), Presence.State.OFFLINE.name().toLowerCase(Locale.ROOT)));
        ctx.json(views.agent(deactivated));
    }

    public void reactivateAgent(Context ctx) {
        ctx.json(views.agent(access.reactivate(find(ctx))));
    }

    private Agent find(Context ctx) {
        return agents.find(ctx.pathParam("id")).orElseThrow(() -> ApiError.notFound("The agent"));
    }

    private boolean lastActiveAdmin(Agent agent) {
        return agent.active() && agents.all().stream().filter(a -> a.isAdmin() && a.active())
                .allMatch(a -> a.id().equals(agent.id()));
    }

    /** Checks every field a person could get wrong, with a message that says which. */
    private Agent agentFrom(AgentForm form, String id, String passwordHash, Long deactivatedAt) {
        if (form.email() == null || !EMAIL.matcher(form.email()).matches() || form.email().length() > 254) {
            throw ApiError.badRequest("email must be an email address");
        }
        if (form.name() == null || form.name().isBlank() || form.name().length() > 80) {
            throw ApiError.badRequest("name is 1 to 80 characters");
        }
        if (form.role() == null) {
            throw ApiError.badRequest("role is required: agent or admin");
        }
        AgentRole role;
        try {
            role = AgentRole.valueOf(form.role().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("role is agent or admin");
        }
        String timeZone = form.timeZone() == null ? "UTC" : form.timeZone();
        try {
            ZoneId.of(timeZone);
        } catch (RuntimeException e) {
            throw ApiError.badRequest("timeZone must be an IANA zone such as Asia/Tokyo");
        }
        int maxChats = form.maxChats() == null ? 5 : form.maxChats();
        if (maxChats < 1 || maxChats > 50) {
            throw ApiError.badRequest("maxChats is 1 to 50");
        }
        List<String> teams = form.teams() == null ? List.of() : form.teams();
        if (teams.size() > 50) {
            throw ApiError.badRequest("teams lists at most 50 teams");
        }
        for (String team : teams) {
            if (team == null || routingStore.team(team).isEmpty()) {
                throw ApiError.badRequest("no team '" + team + "'");
            }
        }
        if (form.avatarUrl() != null && !AVATAR.matcher(form.avatarUrl()).matches()) {
            throw ApiError.badRequest("avatarUrl must be an http(s) URL");
        }
        return new Agent(id, form.email().trim(), form.name().trim(), form.avatarUrl(), role, teams, timeZone,
                maxChats, passwordHash, deactivatedAt);
    }

    public void updateTeam(Context ctx) {
        TeamForm form = ctx.bodyAsClass(TeamForm.class);
        if (form == null || form.name() == null) {
            throw ApiError.badRequest("A team needs a name.");
        }
        Team team = new Team(ctx.pathParam("id"), form.name(), form.autoAssign() == null || form.autoAssign(),
                form.businessHours(), form.replyMinutes() == null ? 5 : form.replyMinutes());
        routingStore.saveTeam(team);
        assigner.nudge();
        ctx.json(team);
    }

    public void updateRouting(Context ctx) {
        RoutingRules body = ctx.bodyAsClass(RoutingRules.class);
        if (body == null) {
            throw ApiError.badRequest("Send {\"reason\": \"team\", ...}.");
        }
        Map<String, String> rules = body.rules();
        for (var rule : rules.entrySet()) {
            if (Reason.fromCode(rule.getKey()).isEmpty()) {
                throw ApiError.badRequest("no handoff reason '" + rule.getKey() + "'");
            }
            routingStore.team(rule.getValue()).orElseThrow(() -> ApiError.badRequest("no team '" + rule.getValue()
                    + "' for " + rule.getKey()));
        }
        routingStore.saveRules(rules);
        ctx.json(routingStore.rules());
    }

    /** The body of {@code PUT /api/routing}: reason to team. */
    static final class RoutingRules extends LinkedHashMap<String, String> {
        private static final long serialVersionUID = 1L;

        Map<String, String> rules() {
            return this;
        }
    }

    public void listCanned(Context ctx) {
        ctx.json(Map.of("replies", canned.all()));
    }

    public void createCanned(Context ctx) {
        CannedForm form = ctx.bodyAsClass(CannedForm.class);
        CannedReply reply = new CannedReply(UUID.randomUUID().toString(), form == null ? null : form.title(),
                form == null ? null : form.text());
        canned.save(reply);
        ctx.status(HttpStatus.CREATED).json(reply);
    }

    public void updateCanned(Context ctx) {
        canned.find(ctx.pathParam("id")).orElseThrow(() -> ApiError.notFound("The canned reply"));
        CannedForm form = ctx.bodyAsClass(CannedForm.class);
        CannedReply reply = new CannedReply(ctx.pathParam("id"), form == null ? null : form.title(),
                form == null ? null : form.text());
        canned.save(reply);
        ctx.json(reply);
    }

    public void deleteCanned(Context ctx) {
        if (!canned.delete(ctx.pathParam("id"))) {
            throw ApiError.notFound("The canned reply");
        }
        ctx.status(HttpStatus.NO_CONTENT);
    }
}
