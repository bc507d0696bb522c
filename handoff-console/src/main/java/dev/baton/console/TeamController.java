package dev.baton.console;

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

/** The team and its settings: agents, presence, teams and routing rules, canned replies. */
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

    public TeamController(AgentStore agents, RoutingStore routingStore, Routing routing, Presence presence, Assigner assigner,
            CannedReplies canned, Passwords passwords, Signals signals, Views views, int responseTargetSeconds) {
        this.agents = agents;
        this.routingStore = routingStore;
        this.routing = routing;
        this.presence = presence;
        this.assigner = assigner;
        this.canned = canned;
        this.passwords = passwords;
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
        AccessGuard.admin(ctx);
        AgentForm form = ctx.bodyAsClass(AgentForm.class);
        if (form == null || form.password() == null) {
            throw ApiError.badRequest("A new agent needs email, password and name.");
        }
        Agent agent = agentFrom(form, UUID.randomUUID().toString(), passwords.hash(form.password()));
        if (!agents.save(agent)) {
            throw new ApiError(HttpStatus.CONFLICT, "email_taken", "Another agent has that email.");
        }
        ctx.status(HttpStatus.CREATED).json(views.agent(agent));
    }

    public void updateAgent(Context ctx) {
        AccessGuard.admin(ctx);
        Agent existing = agents.find(ctx.pathParam("id")).orElseThrow(() -> ApiError.notFound("The agent"));
        AgentForm form = ctx.bodyAsClass(AgentForm.class);
        if (form == null) {
            throw ApiError.badRequest("Send the agent's fields.");
        }
        String hash = form.password() == null ? existing.passwordHash() : passwords.hash(form.password());
        Agent agent = agentFrom(form, existing.id(), hash);
        if (!agents.save(agent)) {
            throw new ApiError(HttpStatus.CONFLICT, "email_taken", "Another agent has that email.");
        }
        ctx.json(views.agent(agent));
    }

    /** Checks every field a person could get wrong, with a message that says which. */
    private Agent agentFrom(AgentForm form, String id, String passwordHash) {
        if (form.email() == null || !EMAIL.matcher(form.email()).matches() || form.email().length() > 254) {
            throw ApiError.badRequest("email must be an email address");
        }
        if (form.name() == null || form.name().isBlank() || form.name().length() > 80) {
            throw ApiError.badRequest("name is 1 to 80 characters");
        }
        AgentRole role;
        try {
            role = form.role() == null ? AgentRole.AGENT : AgentRole.valueOf(form.role().toUpperCase(Locale.ROOT));
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
        for (String team : teams) {
            routingStore.team(team).orElseThrow(() -> ApiError.badRequest("no team '" + team + "'"));
        }
        if (form.avatarUrl() != null && !AVATAR.matcher(form.avatarUrl()).matches()) {
            throw ApiError.badRequest("avatarUrl must be an http(s) URL");
        }
        return new Agent(id, form.email().trim(), form.name().trim(), form.avatarUrl(), role, teams, timeZone,
                maxChats, passwordHash);
    }

    public void updateTeam(Context ctx) {
        AccessGuard.admin(ctx);
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
        AccessGuard.admin(ctx);
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
        AccessGuard.admin(ctx);
        CannedForm form = ctx.bodyAsClass(CannedForm.class);
        CannedReply reply = new CannedReply(UUID.randomUUID().toString(), form == null ? null : form.title(),
                form == null ? null : form.text());
        canned.save(reply);
        ctx.status(HttpStatus.CREATED).json(reply);
    }

    public void updateCanned(Context ctx) {
        AccessGuard.admin(ctx);
        canned.find(ctx.pathParam("id")).orElseThrow(() -> ApiError.notFound("The canned reply"));
        CannedForm form = ctx.bodyAsClass(CannedForm.class);
        CannedReply reply = new CannedReply(ctx.pathParam("id"), form == null ? null : form.title(),
                form == null ? null : form.text());
        canned.save(reply);
        ctx.json(reply);
    }

    public void deleteCanned(Context ctx) {
        AccessGuard.admin(ctx);
        if (!canned.delete(ctx.pathParam("id"))) {
            throw ApiError.notFound("The canned reply");
        }
        ctx.status(HttpStatus.NO_CONTENT);
    }
}
