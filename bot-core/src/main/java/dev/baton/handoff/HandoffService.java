package dev.baton.handoff;

import dev.baton.conversation.AppendResult;
import dev.baton.conversation.Author;
import dev.baton.conversation.Conversation;
import dev.baton.conversation.ConversationService;
import dev.baton.conversation.History;
import dev.baton.conversation.Owner;
import dev.baton.conversation.Role;
import dev.baton.routing.Availability;
import dev.baton.routing.Routing;
import java.time.Clock;
import java.util.Optional;

/**
 * Passes a conversation from the bot to the team: builds the context from the conversation's record and moves it
 * to the queue with the honest message the customer sees, atomically, only while the bot owns it.
 */
public final class HandoffService {
    private static final Author SYSTEM = new Author(Role.SYSTEM, null, null);

    private final ConversationService conversations;
    private final HandoffContextBuilder contexts;
    private final HandoffPolicy policy;
    private final Routing routing;
    private final Clock clock;

    /** A handoff service whose summaries are extractive. */
    public HandoffService(ConversationService conversations, HandoffPolicy policy, Routing routing, Clock clock) {
        this(conversations, policy, routing, clock, SummaryWriter.EXTRACTIVE);
    }

    /** @param summaries words the handoff summary (a language model), or declines */
    public HandoffService(ConversationService conversations, HandoffPolicy policy, Routing routing, Clock clock,
            SummaryWriter summaries) {
        this.contexts = new HandoffContextBuilder(summaries);
        this.conversations = conversations;
        this.policy = policy;
        this.routing = routing;
        this.clock = clock;
    }

    /**
     * Hands the conversation over for {@code decision}; {@code history} is what the decision was made on.
     *
     * @param answering the event the bot hands over after (at most once per such event); null when the customer
     *     asked for a person themselves (then it counts against the conversation's budget of customer events)
     *
     * @return the write's result: NOT_OWNER when the bot no longer owned it (someone was faster), DUPLICATE when
     *     another worker already answered that event, and nothing was written
     */
    public AppendResult handOff(Conversation conversation, History history, Decision decision, String language,
            String answering) {
        HandoffContext context = contexts.build(conversation.customer(), history, decision, clock.millis());
        String team = routing.teamFor(decision.reason().code());
        Availability availability = routing.availability(team);
        return conversations.handOff(conversation.id(), answering, context, team, availability, SYSTEM,
                HandoffMessages.handingOff(language, availability));
    }

    /** The customer left an email address to be answered at; they are told so in their language. */
    public Optional<AppendResult> leaveEmail(String conversationId, String email, String language) {
        return conversations.leaveEmail(conversationId, email, SYSTEM, HandoffMessages.emailNoted(language, email));
    }

    /**
     * The customer pressed "Talk to a person": a resolved conversation is reopened first. While a person has it or
     * it waits for one, nothing is written and no context is built (UNCHANGED), however often it is pressed. Empty
     * when there is no such conversation.
     */
    public Optional<AppendResult> requestPerson(String conversationId, String language) {
        Optional<Conversation> found = conversations.find(conversationId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Owner owner = found.get().owner();
        if (owner == Owner.WAITING || owner == Owner.AGENT) {
            return Optional.of(AppendResult.unchanged(owner));
        }
        if (owner == Owner.RESOLVED) {
            AppendResult reopened = conversations.reopenIfResolved(conversationId);
            if (reopened.status() == AppendResult.Status.RATE_LIMITED) {
                return Optional.of(reopened);
            }
        }
        return conversations.find(conversationId).map(conversation -> handOff(conversation,
                conversations.history(conversationId), policy.requested(), language, null));
    }
}
