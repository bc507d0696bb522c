package dev.baton.conversation;

import dev.baton.event.LoggedEvent;
import dev.baton.event.MessageCreated;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Starts, resumes and writes to conversations. Every write goes through the store's atomic append, so what a client
 * is told (an ack, a seq) is always already in Redis.
 */
public final class ConversationService {
    /** An empty conversation (a page view that never asked anything) is forgotten after this long. */
    static final Duration EMPTY_CONVERSATION_TTL = Duration.ofHours(24);

    private final ConversationStore store;
    private final String nodeId;
    private final Clock clock;

    public ConversationService(ConversationStore store, String nodeId, Clock clock) {
        this.store = Objects.requireNonNull(store);
        this.nodeId = Objects.requireNonNull(nodeId);
        this.clock = Objects.requireNonNull(clock);
    }

    /** A new conversation and the secret that resumes it; the secret is not stored and can't be read again. */
    public record Started(Conversation conversation, String resumeToken) {}

    public Started start(String visitorId, String locale) {
        String token = ResumeTokens.newToken();
        Conversation conversation = new Conversation(UUID.randomUUID().toString(), visitorId, Owner.BOT,
                clock.millis(), locale, null);
        store.create(conversation, ResumeTokens.hash(token), EMPTY_CONVERSATION_TTL);
        return new Started(conversation, token);
    }

    /** The conversation, if it exists and {@code resumeToken} is its secret; empty otherwise (no hint which). */
    public Optional<Conversation> resume(String conversationId, String resumeToken) {
        Optional<String> storedHash = store.resumeTokenHash(conversationId);
        if (storedHash.isEmpty() || !ResumeTokens.matches(resumeToken, storedHash.get())) {
            return Optional.empty();
        }
        store.keepAlive(conversationId, EMPTY_CONVERSATION_TTL);
        return store.find(conversationId);
    }

    public Optional<Conversation> find(String conversationId) {
        return store.find(conversationId);
    }

    /** Stores a customer's message once per {@code clientMsgId}, whoever owns the conversation. */
    public AppendResult addCustomerMessage(String conversationId, String clientMsgId, String text) {
        var created = new MessageCreated(conversationId, Author.customer(), text, List.of(), null, clientMsgId);
        return store.append(created, nodeId, clientMsgId, null);
    }

    /** Stores a bot reply only if the bot still owns the conversation at the moment of writing. */
    public AppendResult addBotMessage(String conversationId, Author bot, String text, List<Citation> citations,
            Double confidence) {
        var created = new MessageCreated(conversationId, bot, text, citations, confidence, null);
        return store.append(created, nodeId, null, Owner.BOT);
    }

    public List<LoggedEvent> eventsAfter(String conversationId, String afterSeq) {
        return store.eventsAfter(conversationId, afterSeq);
    }
}
