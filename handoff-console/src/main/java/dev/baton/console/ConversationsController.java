package dev.baton.console;

import dev.baton.conversation.Conversation;
import dev.baton.conversation.ConversationService;
import dev.baton.conversation.Role;
import dev.baton.conversation.Seq;
import dev.baton.event.MessageCreated;
import dev.baton.inbox.ActionResult;
import dev.baton.inbox.AgentActions;
import dev.baton.inbox.Inbox;
import dev.baton.inbox.InboxView;
import dev.baton.inbox.ReplyCoach;
import dev.baton.inbox.ReplyHint;
import dev.baton.kb.Language;
import dev.baton.routing.Agent;
import dev.baton.routing.AgentStore;
import dev.baton.routing.RoutingStore;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The shared inbox: listing and reading conversations, and everything an agent does to one. */
public final class ConversationsController {
    private static final int MAX_TEXT = 4000;
    private static final int SCAN = 500;

    private final ConversationService conversations;
    private final AgentActions actions;
    private final Inbox inbox;
    private final AgentStore agents;
    private final RoutingStore routing;
    private final Views views;

    record Text(String text) {}

    /** A reply, with the codes of the coach's hints the agent dismissed while writing it (closed, not open). */
    record Reply(String text, List<String> dismissedHints) {}

    record Transfer(String agentId, String team, String note) {}

    record Read(String seq) {}

    public ConversationsController(ConversationService conversations, AgentActions actions, Inbox inbox, AgentStore agents,
            RoutingStore routing, Views views) {
        this.conversations = conversations;
        this.actions = actions;
        this.inbox = inbox;
        this.agents = agents;
        this.routing = routing;
        this.views = views;
    }

    public void list(Context ctx) {
        Agent agent = AccessGuard.agent(ctx);
        InboxView view = InboxView.parse(ctx.queryParamAsClass("view", String.class).getOrDefault("waiting"));
        int limit = limit(ctx.queryParam("limit"));
        String team = ctx.queryParam("team");
        String reason = ctx.queryParam("reason");
        String language = ctx.queryParam("language");
        String q = ctx.queryParam("q") == null ? null : ctx.queryParam("q").trim().toLowerCase(Locale.ROOT);
        boolean filtered = team != null || reason != null || language != null || (q != null && !q.isEmpty());
        List<String> ids = inbox.list(view, agent.id(), 0, filtered ? SCAN : limit);
        var team_ = views.team();
        List<Views.SummaryView> summaries = conversations.findAll(ids).stream()
                .filter(c -> team == null || team.equals(c.handling().team()))
                .filter(c -> reason == null || reason.equals(c.handling().reason()))
                .filter(c -> language == null || language.equals(Language.fromLocale(c.locale())))
                .filter(c -> q == null || q.isEmpty() || matches(c, q))
                .limit(limit)
                .map(c -> views.summary(c, team_))
                .toList();
        ctx.json(Map.of("conversations", summaries, "counts", counts(agent)));
    }

    private static int limit(String given) {
        if (given == null) {
            return 50;
        }
        try {
            int limit = Integer.parseInt(given);
            if (limit >= 1 && limit <= 200) {
                return limit;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw ApiError.badRequest("limit is a number from 1 to 200");
    }

    private static boolean matches(Conversation conversation, String q) {
        var customer = conversation.customer();
        return (customer.name() != null && customer.name().toLowerCase(Locale.ROOT).contains(q))
                || (customer.email() != null && customer.email().toLowerCase(Locale.ROOT).contains(q));
    }

    Map<String, Long> counts(Agent agent) {
        Map<String, Long> counts = new LinkedHashMap<>();
        inbox.counts(agent.id()).forEach((view, count) -> counts.put(view.code(), count));
        return counts;
    }

    private Conversation conversation(Context ctx) {
        return conversations.find(ctx.pathParam("id")).orElseThrow(() -> ApiError.notFound("The conversation"));
    }

    public void get(Context ctx) {
        Conversation conversation = conversation(ctx);
        var team = views.team();
        var previous = conversations.ofCustomer(conversation.customer(), conversation.visitorId(), 21).stream()
                .filter(c -> !c.id().equals(conversation.id()) && c.lastSeq() != null)
                .limit(20).map(c -> views.summary(c, team)).toList();
        ctx.json(new Views.ConversationView(views.summary(conversation, team),
                views.transcript(conversations.eventsAfter(conversation.id(), null), team),
                conversations.latestHandoff(conversation.id()).orElse(null), conversation.customer(), previous));
    }

    public void claim(Context ctx) {
        Agent agent = AccessGuard.agent(ctx);
        ActionResult result = actions.claim(ctx.pathParam("id"), agent);
        if (result.outcome() == ActionResult.Outcome.CLAIMED_BY_OTHER) {
            throw new ApiError(HttpStatus.CONFLICT, "claimed", holderName(result) + " has this conversation.",
                    heldBy(result));
        }
        answer(ctx, result, HttpStatus.OK);
    }

    public void reply(Context ctx) {
        Agent agent = AccessGuard.agent(ctx);
        Reply reply = ctx.bodyAsClass(Reply.class);
        String text = checked(reply == null ? null : reply.text());
        List<String> dismissed = dismissedHints(reply.dismissedHints());
        List<String> open = coach(conversation(ctx), agent, text).stream().map(ReplyHint::code)
                .filter(code -> !dismissed.contains(code)).toList();
        ActionResult result = actions.reply(ctx.pathParam("id"), agent, text, open);
        if (result.outcome() == ActionResult.Outcome.CLAIMED_BY_OTHER || result.outcome()
                == ActionResult.Outcome.NOT_YOURS || result.outcome() == ActionResult.Outcome.WRONG_STATE) {
            throw new ApiError(HttpStatus.CONFLICT, "not_yours", "Only the agent who holds the conversation replies; "
                    + "claim it first.", heldBy(result));
        }
        created(ctx, result);
    }

    /** {@code POST /api/conversations/{id}/coach {text}}: the reply coach's hints on a reply being written. */
    public void coach(Context ctx) {
        Agent agent = AccessGuard.agent(ctx);
        Text body = ctx.bodyAsClass(Text.class);
        if (body == null || body.text() == null) {
            throw ApiError.badRequest("Send {\"text\"} with the reply as written so far.");
        }
        if (body.text().length() > MAX_TEXT) {
            throw ApiError.badRequest("A message has at most " + MAX_TEXT + " characters.");
        }
        ctx.json(Map.of("hints", coach(conversation(ctx), agent, body.text())));
    }

    /** The coach's hints on {@code text} from {@code agent}: greeting, names and sign-off on their first reply only. */
    private List<ReplyHint> coach(Conversation conversation, Agent agent, String text) {
        boolean firstReply = conversations.eventsAfter(conversation.id(), null).stream()
                .noneMatch(logged -> logged.event() instanceof MessageCreated message
                        && message.author().role() == Role.AGENT && agent.id().equals(message.author().id()));
        return ReplyCoach.hints(text, new ReplyCoach.Situation(conversation.customer().name(), agent.name(),
                firstReply));
    }

    public void note(Context ctx) {
        created(ctx, actions.note(ctx.pathParam("id"), AccessGuard.agent(ctx), text(ctx)));
    }

    public void transfer(Context ctx) {
        Agent agent = AccessGuard.agent(ctx);
        Transfer transfer = ctx.bodyAsClass(Transfer.class);
        if (transfer == null || (transfer.agentId() == null) == (transfer.team() == null)) {
            throw ApiError.badRequest("Give exactly one of agentId and team.");
        }
        String note = transfer.note() == null ? "" : transfer.note().trim();
        if (note.length() > MAX_TEXT) {
            throw ApiError.badRequest("A note has at most " + MAX_TEXT + " characters.");
        }
        ActionResult result;
        if (transfer.agentId() != null) {
            Agent to = agents.find(transfer.agentId()).orElseThrow(() -> ApiError.notFound("The agent"));
            if (!to.active()) {
                throw new ApiError(HttpStatus.CONFLICT, "deactivated", to.name() + " is deactivated.");
            }
            result = actions.transferToAgent(ctx.pathParam("id"), agent, to, note);
        } else {
            routing.team(transfer.team()).orElseThrow(() -> ApiError.notFound("The team"));
            result = actions.transferToTeam(ctx.pathParam("id"), agent, transfer.team(), note);
        }
        answer(ctx, result, HttpStatus.OK);
    }

    public void returnToBot(Context ctx) {
        String language = Language.fromLocale(conversation(ctx).locale());
        answer(ctx, actions.returnToBot(ctx.pathParam("id"), AccessGuard.agent(ctx), backToBot(language)),
                HttpStatus.OK);
    }

    /** What the customer reads when the bot takes over again. */
    static String backToBot(String language) {
        return Language.JAPANESE.equals(language)
                ? "ここからはアシスタントがご案内します。いつでも担当者を呼ぶことができます。"
                : "You're chatting with our assistant again. Ask anything — and you can ask for a person at any time.";
    }

    public void resolve(Context ctx) {
        answer(ctx, actions.resolve(ctx.pathParam("id"), AccessGuard.agent(ctx)), HttpStatus.OK);
    }

    public void reopen(Context ctx) {
        answer(ctx, actions.reopen(ctx.pathParam("id"), AccessGuard.agent(ctx)), HttpStatus.OK);
    }

    public void read(Context ctx) {
        Read read = ctx.bodyAsClass(Read.class);
        if (read == null || !Seq.isValid(read.seq())) {
            throw ApiError.badRequest("Send {\"seq\"} with the seq of the last entry read.");
        }
        conversation(ctx);
        ActionResult result = actions.markRead(ctx.pathParam("id"), AccessGuard.agent(ctx), read.seq());
        if (!result.ok()) {
            throw ApiError.notFound("The conversation");
        }
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private static String text(Context ctx) {
        Text body = ctx.bodyAsClass(Text.class);
        return checked(body == null ? null : body.text());
    }

    private static String checked(String text) {
        if (text == null || text.isBlank()) {
            throw ApiError.badRequest("Send {\"text\"}; it can't be blank.");
        }
        if (text.length() > MAX_TEXT) {
            throw ApiError.badRequest("A message has at most " + MAX_TEXT + " characters.");
        }
        return text;
    }

    private static List<String> dismissedHints(List<String> codes) {
        if (codes == null) {
            return List.of();
        }
        if (codes.stream().anyMatch(code -> code == null || !ReplyHint.CODES.contains(code))) {
            throw ApiError.badRequest("dismissedHints holds hint codes: " + String.join(", ", ReplyHint.CODES) + ".");
        }
        return codes;
    }

    private Map<String, Object> heldBy(ActionResult result) {
        if (result.heldBy() == null) {
            return Map.of();
        }
        return Map.of("heldBy", Map.of("id", result.heldBy(), "name", holderName(result)));
    }

    private String holderName(ActionResult result) {
        return result.heldBy() == null ? "Another agent"
                : agents.find(result.heldBy()).map(Agent::name).orElse("Another agent");
    }

    private void created(Context ctx, ActionResult result) {
        if (result.outcome() == ActionResult.Outcome.NOT_FOUND) {
            throw ApiError.notFound("The conversation");
        }
        ctx.status(HttpStatus.CREATED).json(Map.of("seq", result.seq()));
    }

    /** The conversation's summary after a successful action, or the reason it was refused. */
    private void answer(Context ctx, ActionResult result, HttpStatus ok) {
        switch (result.outcome()) {
            case DONE -> ctx.status(ok).json(views.summary(conversation(ctx), views.team()));
            case NOT_FOUND -> throw ApiError.notFound("The conversation");
            case CLAIMED_BY_OTHER -> throw new ApiError(HttpStatus.CONFLICT, "not_yours",
                    holderName(result) + " has this conversation; only they (or an admin) can do this.",
                    heldBy(result));
            case NOT_YOURS -> throw new ApiError(HttpStatus.CONFLICT, "not_yours",
                    "Only the agent who holds the conversation can do this.");
            case OVER_CAPACITY -> throw new ApiError(HttpStatus.CONFLICT, "over_capacity",
                    "That agent holds as many conversations as they take.");
            case WRONG_STATE -> throw new ApiError(HttpStatus.CONFLICT, "state",
                    "Not possible while the conversation is " + conversation(ctx).owner().wireName() + ".");
        }
    }
}
