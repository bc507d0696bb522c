package dev.baton.widget;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.baton.conversation.Author;
import dev.baton.conversation.Message;
import dev.baton.conversation.Owner;
import java.util.List;

/** A frame the server sends on {@code /ws/chat}; the record's name is its {@code type}. See docs/protocol.md. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(ServerFrame.Welcome.class),
    @JsonSubTypes.Type(ServerFrame.Ack.class),
    @JsonSubTypes.Type(ServerFrame.MessageEvent.class),
    @JsonSubTypes.Type(ServerFrame.Handoff.class),
    @JsonSubTypes.Type(ServerFrame.AgentJoinedFrame.class),
    @JsonSubTypes.Type(ServerFrame.Status.class),
    @JsonSubTypes.Type(ServerFrame.Typing.class),
    @JsonSubTypes.Type(ServerFrame.Draft.class),
    @JsonSubTypes.Type(ServerFrame.Seen.class),
    @JsonSubTypes.Type(ServerFrame.Rated.class),
    @JsonSubTypes.Type(ServerFrame.Error.class),
})
sealed interface ServerFrame {

    /**
     * The answer to {@code hello}: the conversation, its resume secret (null when a verified identity resumed it on
     * another device), every message after {@code lastSeq} and who joined in between (as live, so a reload shows
     * what was seen live), the first name to greet a verified user by, and the customer's rating when they already
     * rated it.
     */
    @JsonTypeName("welcome")
    record Welcome(String conversationId, String resumeToken, Owner owner, List<Message> messages,
            List<AgentJoinedFrame> joined, String greetName, Integer csatRating) implements ServerFrame {}

    /** The customer's message is stored at {@code seq}. */
    @JsonTypeName("ack")
    record Ack(String clientMsgId, String seq) implements ServerFrame {}

    /** A message in the conversation, live. */
    @JsonTypeName("message")
    record MessageEvent(@JsonUnwrapped Message message) implements ServerFrame {}

    /**
     * The conversation went to the team's queue. {@code answersSoon}: the team works now and someone is online
     * ({@code replyMinutes} is what to expect); otherwise the widget offers to leave an email address, and
     * {@code backAt} (ISO-8601 with the team's zone) says when a closed team opens again.
     */
    @JsonTypeName("handoff")
    record Handoff(String seq, String status, String reason, long ts, boolean answersSoon, int replyMinutes,
            String backAt) implements ServerFrame {}

    /** A person from the team took the conversation: "{name} joined". */
    @JsonTypeName("agent_joined")
    record AgentJoinedFrame(String seq, Agent agent, long ts) implements ServerFrame {}

    /** How an agent appears to customers. */
    record Agent(String name, String avatarUrl) {}

    /** Who handles the conversation now, when it changes other than by a handoff or an agent joining. */
    @JsonTypeName("status")
    record Status(String seq, Owner owner, long ts) implements ServerFrame {}

    /** The agent is typing (or stopped). */
    @JsonTypeName("typing")
    record Typing(String who, String name, boolean typing) implements ServerFrame {}

    /**
     * A piece of the answer the model is writing to the customer message at {@code replyTo}, unchecked: {@code text}
     * goes at {@code offset} of the answer so far. The bot's next message after {@code replyTo} replaces it.
     */
    @JsonTypeName("draft")
    record Draft(String replyTo, int offset, String text, Author author) implements ServerFrame {}

    /** The team has read the conversation up to {@code seq}. */
    @JsonTypeName("seen")
    record Seen(String seq) implements ServerFrame {}

    /** The customer's rating is stored (every tab of theirs stops asking). */
    @JsonTypeName("csat")
    record Rated(String seq, int rating) implements ServerFrame {}

    /**
     * A frame was refused; the connection and the conversation are untouched. {@code retryAfterMs}: for
     * {@code rate_limited}, when the same frame may be sent again.
     */
    @JsonTypeName("error")
    record Error(String code, String message, String clientMsgId, Long retryAfterMs) implements ServerFrame {}
}
