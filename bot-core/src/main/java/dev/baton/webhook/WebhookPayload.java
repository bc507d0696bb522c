package dev.baton.webhook;

import dev.baton.conversation.Conversation;
import dev.baton.conversation.Customer;
import dev.baton.event.AgentJoined;
import dev.baton.event.ConversationEvent;
import dev.baton.event.CsatSubmitted;
import dev.baton.event.HandedOff;
import dev.baton.event.MailBounced;
import dev.baton.event.MailSent;
import dev.baton.event.Resolved;
import dev.baton.handoff.Priority;
import dev.baton.handoff.Reason;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The JSON body of a delivery. {@code data} holds the event's own fields and the conversation as it stood when the
 * event was prepared (owner, team, assignee, customer); never secrets, password hashes or the agent's email.
 *
 * @param id the delivery id (the same on every attempt; receivers de-duplicate on it)
 * @param createdAt when the event happened, epoch milliseconds
 * @param seq the event's position in the conversation's log
 */
public record WebhookPayload(String id, String event, long createdAt, String conversationId, String seq, Data data) {

    /** Fields absent for an event are left out of the JSON. */
    public record Data(String owner, String team, Person assignee, CustomerInfo customer, Reason reason,
            Priority priority, List<String> summary, Boolean teamOpen, Person agent, String by, Integer rating,
            String comment, String message, Mail mail) {}

    /**
     * An email to the customer: its id, {@code replies} or {@code csat} (sent mail), the address, the agent
     * replies it carried (sent) or why it did not arrive (bounced).
     */
    public record Mail(String id, String kind, String to, List<String> seqs, String reason) {}

    public record Person(String id, String name) {}

    public record CustomerInfo(String name, String email, String userId, boolean verified) {}

    /**
     * The data of a conversation event.
     *
     * @param agentName an agent's display name by id, null when unknown
     */
    static Data data(ConversationEvent event, Optional<Conversation> conversation,
            Function<String, String> agentName) {
        String owner = conversation.map(c -> c.owner().wireName()).orElse(null);
        String team = conversation.map(c -> c.handling().team()).orElse(null);
        Person assignee = conversation.map(c -> c.handling().assignee())
                .map(id -> new Person(id, agentName.apply(id))).orElse(null);
        CustomerInfo customer = conversation.map(Conversation::customer).map(WebhookPayload::customer).orElse(null);
        if (event instanceof HandedOff handedOff) {
            var context = handedOff.context();
            return new Data(owner, handedOff.team() != null ? handedOff.team() : team, assignee, customer,
                    context.reason(), context.priority(), context.summary(),
                    handedOff.availability() == null ? null : handedOff.availability().open(), null, null, null,
                    null, null, null);
        }
        if (event instanceof AgentJoined joined) {
            Person agent = new Person(joined.agent().id(), joined.agent().name());
            return new Data(owner, team, assignee, customer, null, null, null, null, agent, joined.by(), null, null,
                    null, null);
        }
        if (event instanceof Resolved resolved) {
            return new Data(owner, team, assignee, customer, null, null, null, null, null, resolved.by(), null, null,
                    null, null);
        }
        if (event instanceof CsatSubmitted csat) {
            return new Data(owner, team, assignee, customer, null, null, null, null, null, null, csat.rating(),
                    csat.comment(), null, null);
        }
        if (event instanceof MailSent sent) {
            return new Data(owner, team, assignee, customer, null, null, null, null, null, null, null, null, null,
                    new Mail(sent.mailId(), sent.kind(), sent.to(), sent.seqs(), null));
        }
        if (event instanceof MailBounced bounced) {
            return new Data(owner, team, assignee, customer, null, null, null, null, null, null, null, null, null,
                    new Mail(bounced.mailId(), null, bounced.to(), null, bounced.reason()));
        }
        throw new IllegalArgumentException("webhooks do not carry " + event.type());
    }

    /** The data of the admin's test delivery. */
    static Data ping() {
        return new Data(null, null, null, null, null, null, null, null, null, null, null, null,
                "A test delivery from Baton: this webhook's address and signature check work.", null);
    }

    private static CustomerInfo customer(Customer customer) {
        return new CustomerInfo(customer.name(), customer.email(), customer.userId(), customer.verified());
    }
}
