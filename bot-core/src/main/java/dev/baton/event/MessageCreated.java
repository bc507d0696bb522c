package dev.baton.event;

import dev.baton.conversation.Author;
import dev.baton.conversation.Citation;
import java.util.List;
import java.util.Objects;

/**
 * A message visible to the customer was written, by the customer, the bot, an agent or the system. A bot message
 * with {@code choices} asks "Did you mean…" with those articles (the customer answers with a pick). An agent's reply
 * holds the codes of the reply coach's hints it was sent with ({@code coachHints}, empty when there were none; null
 * for other messages and replies stored before the coach), for the KPIs; they never reach the customer.
 */
public record MessageCreated(String conversationId, Author author, String text, List<Citation> citations,
        Double confidence, String clientMsgId, List<Citation> choices, List<String> coachHints)
        implements ConversationEvent {
    public static final String TYPE = "message.created";

    public MessageCreated {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(text, "text");
        citations = citations == null ? List.of() : List.copyOf(citations);
        choices = choices == null ? List.of() : List.copyOf(choices);
        coachHints = coachHints == null ? null : List.copyOf(coachHints);
    }

    public MessageCreated(String conversationId, Author author, String text, List<Citation> citations,
            Double confidence, String clientMsgId, List<Citation> choices) {
        this(conversationId, author, text, citations, confidence, clientMsgId, choices, null);
    }

    public MessageCreated(String conversationId, Author author, String text, List<Citation> citations,
            Double confidence, String clientMsgId) {
        this(conversationId, author, text, citations, confidence, clientMsgId, List.of(), null);
    }
}
