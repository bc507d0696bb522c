package dev.baton.widget;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;

/** A frame the widget sends on {@code /ws/chat}; {@code type} picks the record. See docs/protocol.md. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(ClientFrame.Hello.class),
    @JsonSubTypes.Type(ClientFrame.SendMessage.class),
    @JsonSubTypes.Type(ClientFrame.RequestHuman.class),
    @JsonSubTypes.Type(ClientFrame.Feedback.class),
    @JsonSubTypes.Type(ClientFrame.Pick.class),
    @JsonSubTypes.Type(ClientFrame.Typing.class),
    @JsonSubTypes.Type(ClientFrame.Read.class),
    @JsonSubTypes.Type(ClientFrame.Contact.class),
    @JsonSubTypes.Type(ClientFrame.Csat.class),
})
sealed interface ClientFrame {

    /** Opens the session: starts a conversation, or resumes one with its token from {@code lastSeq} on. */
    @JsonTypeName("hello")
    record Hello(String visitorId, String conversationId, String resumeToken, String lastSeq, String locale,
            Identity identity) implements ClientFrame {}

    /**
     * Who the host product says the customer is: a signed {@code token} (verified, see {@link IdentityTokens}), or
     * plain fields the page states (shown to agents as not verified).
     */
    record Identity(String token, String userId, String name, String email) {}

    /** A customer message; {@code clientMsgId} makes resending it safe. */
    @JsonTypeName("message")
    record SendMessage(String clientMsgId, String text) implements ClientFrame {}

    /** The customer pressed "Talk to a person". */
    @JsonTypeName("request_human")
    record RequestHuman() implements ClientFrame {}

    /** The customer's "Did this help?" on the bot message at {@code seq}. */
    @JsonTypeName("feedback")
    record Feedback(String seq, Boolean helpful) implements ClientFrame {}

    /**
     * The customer's answer to the bot's "Did you mean…" at {@code seq}: one of its articles, or none of them
     * ({@code articleId} null or left out).
     */
    @JsonTypeName("pick")
    record Pick(String seq, String articleId) implements ClientFrame {}

    /** The customer is typing (or stopped); the agent sees it. */
    @JsonTypeName("typing")
    record Typing(Boolean typing) implements ClientFrame {}

    /** The customer leaves an email address to be answered at, when the team is away or busy. */
    @JsonTypeName("contact")
    record Contact(String email) implements ClientFrame {}

    /** The customer rates the help, 1 to 5, with an optional comment, once the conversation is resolved. */
    @JsonTypeName("csat")
    record Csat(Integer rating, String comment) implements ClientFrame {}

    /** The customer has read the conversation up to {@code seq}; the agent sees "Seen". */
    @JsonTypeName("read")
    record Read(String seq) implements ClientFrame {}
}
