package dev.baton.handoff;

import dev.baton.conversation.Customer;
import dev.baton.conversation.AppendResult;
import dev.baton.conversation.Author;
import dev.baton.conversation.Conversation;
import dev.baton.conversation.ConversationService;
import dev.baton.conversation.History;
import dev.baton.conversation.Role;
import dev.baton.kb.Language;
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
    private final Clock clock;

    public HandoffService(ConversationService conversations, HandoffPolicy policy, Clock clock) {
        this.conversations = conversations;
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * Hands the conversation over for {@code decision}; {@code history} is what the decision was made on.
     *
     * @return the write's result: NOT_OWNER when the bot no longer owned it (someone was faster), and nothing
     *     was written
     */
    public AppendResult handOff(Conversation conversation, History history, Decision decision, String language) {
        HandoffContext context = contexts.build(Customer.visitor(conversation.visitorId(), conversation.locale()),
                history, decision, clock.millis());
        return conversations.handOff(conversation.id(), context, SYSTEM, handingOffMessage(language));
    }

    /** What the customer reads when the conversation is passed on, in their language. */
    static String handingOffMessage(String language) {
        return Language.JAPANESE.equals(language)
                ? "チームの担当者におつなぎします。これまでの会話はすべて担当者に伝わりますので、同じことを繰り返していただく必要はありません。"
                : "I'm bringing in someone from our team — they'll see everything we've talked about, so you won't "
                        + "have to repeat yourself.";
    }

    /** The customer pressed "Talk to a person". Empty when there is no such conversation. */
    public Optional<AppendResult> requestPerson(String conversationId, String language) {
        conversations.reopenIfResolved(conversationId);
        return conversations.find(conversationId).map(conversation -> handOff(conversation,
                conversations.history(conversationId), policy.requested(), language));
    }
}
