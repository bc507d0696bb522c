package dev.baton.console;

import dev.baton.conversation.Author;
import dev.baton.conversation.Citation;
import dev.baton.conversation.Conversation;
import dev.baton.conversation.Customer;
import dev.baton.conversation.Owner;
import dev.baton.event.AgentJoined;
import dev.baton.event.CsatSubmitted;
import dev.baton.event.FeedbackGiven;
import dev.baton.event.MailBounced;
import dev.baton.event.MailReceived;
import dev.baton.event.MailSent;
import dev.baton.event.HandedOff;
import dev.baton.event.LoggedEvent;
import dev.baton.event.MessageCreated;
import dev.baton.event.NoteAdded;
import dev.baton.event.Reopened;
import dev.baton.event.Resolved;
import dev.baton.event.ReturnedToBot;
import dev.baton.event.Transferred;
import dev.baton.handoff.HandoffContext;
import dev.baton.kb.Language;
import dev.baton.routing.Agent;
import dev.baton.routing.AgentRole;
import dev.baton.routing.AgentStore;
import dev.baton.routing.Presence;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What the API sends: agents, conversation summaries and transcripts, shaped for the console. */
public final class Views {
    private final AgentStore agents;
    private final Presence presence;
    private final Clock clock;

    public Views(AgentStore agents, Presence presence, Clock clock) {
        this.agents = agents;
        this.presence = presence;
        this.clock = clock;
    }

    record AgentView(String id, String email, String name, String avatarUrl, AgentRole role, List<String> teams,
            String timeZone, int maxChats, Presence.State presence, boolean active, Long deactivatedAt) {}

    record Person(String id, String name, String avatarUrl) {}

    record CustomerView(String name, String email, String visitorId, boolean verified) {}

    record SummaryView(String id, Owner owner, String priority, String reason, String team, Person assignee,
            CustomerView customer, String language, String preview, Long updatedAt, Long handedOffAt,
            Long firstResponseAt, Long resolvedAt, Long waitingMillis, Long firstResponseMillis,
            String customerReadSeq, int unread, Integer csat) {}

    /** One item of a transcript: a message, a private note, or something that happened. */
    record EntryView(String kind, String seq, long ts, Author author, String text, List<Citation> citations,
            Double confidence, String type) {}

    record ConversationView(SummaryView summary, List<EntryView> transcript, HandoffContext handoff,
            Customer customer, List<SummaryView> previous) {}

    AgentView agent(Agent agent) {
        return new AgentView(agent.id(), agent.email(), agent.name(), agent.avatarUrl(), agent.role(), agent.teams(),
                agent.timeZone(), agent.maxChats(), agent.active() ? presence.of(agent.id()) : Presence.State.OFFLINE,
                agent.active(), agent.deactivatedAt());
    }

    /** Agent ids to the people they are, read once for a whole list. */
    Map<String, Agent> team() {
        return agents.all().stream().collect(Collectors.toMap(Agent::id, Function.identity()));
    }

    SummaryView summary(Conversation conversation, Map<String, Agent> team) {
        var handling = conversation.handling();
        Agent assignee = handling.assignee() == null ? null : team.get(handling.assignee());
        Long waiting = conversation.owner() == Owner.WAITING && handling.handedOffAt() != null
                ? clock.millis() - handling.handedOffAt() : null;
        Long firstResponse = handling.firstResponseAt() != null && handling.handedOffAt() != null
                ? Math.max(0, handling.firstResponseAt() - handling.handedOffAt()) : null;
        Customer customer = conversation.customer();
        return new SummaryView(conversation.id(), conversation.owner(), handling.priority(), handling.reason(),
                handling.team(), assignee == null ? null
                        : new Person(assignee.id(), assignee.name(), assignee.avatarUrl()),
                new CustomerView(customer.name(), customer.email(), conversation.visitorId(), customer.verified()),
                Language.fromLocale(conversation.locale()), handling.preview(), handling.updatedAt(),
                handling.handedOffAt(), handling.firstResponseAt(), handling.resolvedAt(), waiting, firstResponse,
                handling.customerReadSeq(), handling.unreadByAgent(), handling.csatRating());
    }

    /** The transcript an agent sees: every message and note, and the moments that changed who handles it. */
    List<EntryView> transcript(List<LoggedEvent> log, Map<String, Agent> team) {
        List<EntryView> entries = new ArrayList<>();
        for (LoggedEvent logged : log) {
            entry(logged, team).ifPresent(entries::add);
        }
        return entries;
    }

    private Optional<EntryView> entry(LoggedEvent logged, Map<String, Agent> team) {
        String seq = logged.seq();
        long ts = logged.ts();
        if (logged.event() instanceof MessageCreated message) {
            return Optional.of(new EntryView("message", seq, ts, message.author(), message.text(),
                    message.citations().isEmpty() ? null : message.citations(), message.confidence(), null));
        }
        if (logged.event() instanceof NoteAdded note) {
            return Optional.of(new EntryView("note", seq, ts, note.author(), note.text(), null, null, null));
        }
        String text = null;
        if (logged.event() instanceof HandedOff handedOff) {
            text = "Handed over by the bot: " + handedOff.context().reason().code().replace('_', ' ')
                    + (handedOff.team() == null || handedOff.team().isEmpty() ? "" : ", to " + handedOff.team());
        } else if (logged.event() instanceof AgentJoined joined) {
            text = joined.agent().name() + " joined" + ("routing".equals(joined.by()) ? " (assigned by routing)" : "");
        } else if (logged.event() instanceof Transferred transferred) {
            String to = transferred.toAgent() != null ? nameOf(transferred.toAgent(), team)
                    : "the " + transferred.toTeam() + " queue";
            text = nameOf(transferred.from(), team) + " transferred it to " + to
                    + (transferred.note() == null || transferred.note().isBlank() ? "" : ": " + transferred.note());
        } else if (logged.event() instanceof ReturnedToBot returned) {
            text = nameOf(returned.by(), team) + " gave it back to the bot";
        } else if (logged.event() instanceof Resolved resolved) {
            text = "Resolved by " + nameOf(resolved.by(), team);
        } else if (logged.event() instanceof Reopened reopened) {
            text = "Reopened by " + nameOf(reopened.by(), team);
        } else if (logged.event() instanceof CsatSubmitted csat) {
            text = "The customer rated the help " + csat.rating() + "/5"
                    + (csat.comment() == null ? "" : ": \u201c" + csat.comment() + "\u201d");
        } else if (logged.event() instanceof FeedbackGiven feedback) {
            text = "The customer said the answer " + (feedback.helpful() ? "helped" : "did not help");
        } else if (logged.event() instanceof MailSent sent) {
            text = "csat".equals(sent.kind()) ? "Rating request emailed to "
                    + sent.to() : "Emailed to " + sent.to() + " (" + sent.seqs().size()
                    + (sent.seqs().size() == 1 ? " reply)" : " replies)");
        } else if (logged.event() instanceof MailBounced bounced) {
            text = "The email to " + (bounced.to() == null ? "the customer" : bounced.to()) + " bounced: "
                    + bounced.reason();
        } else if (logged.event() instanceof MailReceived received) {
            text = "By email from " + received.from() + (received.attachments().isEmpty() ? ""
                    : ", attachments (not opened): " + received.attachments().stream()
                            .map(a -> a.name() + " (" + a.contentType() + (a.size() >= 0 ? ", " + a.size()
                                    + " bytes" : "") + ")")
                            .collect(Collectors.joining(", ")));
        }
        return text == null ? Optional.empty()
                : Optional.of(new EntryView("event", seq, ts, null, text, null, null, logged.event().type()));
    }

    private static String nameOf(String who, Map<String, Agent> team) {
        if (who == null) {
            return "someone";
        }
        Agent agent = team.get(who);
        return agent != null ? agent.name() : who; // "customer", "bot", "routing", or an agent since removed
    }
}
