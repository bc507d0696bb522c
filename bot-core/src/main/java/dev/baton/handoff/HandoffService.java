package dev.baton.handoff;

import dev.baton.conversation.AppendResult;
import dev.baton.conversation.Author;
import dev.baton.conversation.Conversation;
import dev.baton.conversation.ConversationService;
import dev.baton.conversation.History;
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
    private final HandoffContextBuilder contexts = new HandoffContextBuilder();
    private final HandoffPolicy policy;
    private final Routing routing;
    private final Clock clock;

    public HandoffService(ConversationService conversations, HandoffPolicy policy, Routing routing, Clock clock) {
        this.conversations = conversations;
        this.policy = policy;
        this.routing = routing;
        this.clock = clock;
    }

    /**
     * Hands the conversation over for {@code decision}; {@code history} is what the decision was made on.
     *
     * @return the write's result: NOT_OWNER when the bot no longer owned it (someone was faster), and nothing
     *     was written
     */
    public AppendResult handOff(Conversation conversation, History history, Decision decision, String language) {
        HandoffContext context = contexts.build(conversation.customer(), history, decision, clock.millis());
        String team = routing.teamFor(decision.reason().code());
        Availability availability = routing.availability(team);
        return conversations.handOff(conversation.id(), context, team, availability, SYSTEM,
                HandoffMessages.handingOff(language, availability));
    }

    /** The customer left an email address to be answered at; they are told so in their language. */
    public Optional<AppendResult> leaveEmail(String conversationId, String email, String language) {
        return conversations.leaveEmail(conversationId, email, SYSTEM, HandoffMessages.emailNoted(language, email));
    }

    /** The customer pressed "Talk to a person". Empty when there is no such conversation. */
    public Optional<AppendResult> requestPerson(String conversationId, String language) {
        conversations.reopenIfResolved(conversationId);
        return conversations.find(conversationId).map(conversation -> handOff(conversation,
                conversations.history(conversationId), policy.requested(), language));
    }
}
