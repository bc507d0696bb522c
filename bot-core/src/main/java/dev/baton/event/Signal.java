package dev.baton.event;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Something passing that every node should hear but nobody needs to keep: someone is typing, an agent's presence
 * changed, an article changed (each node reloads it from Redis), a piece of the answer the model is writing. Not
 * stored; the article's new state is, and so is the answer once checked.
 *
 * @param kind "typing", "presence", "article" or "draft"
 * @param who for typing: "customer" or "agent"
 * @param name for typing: the agent's name; for a draft: the bot's
 * @param replyTo for a draft: the seq of the customer message it answers
 * @param offset for a draft: where {@code text} goes in the answer so far, in UTF-16 code units
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Signal(String kind, String conversationId, String who, String agentId, String name, Boolean typing,
        String presence, String articleId, String replyTo, Integer offset, String text) {

    public static Signal typing(String conversationId, String who, String agentId, String name, boolean typing) {
        return new Signal("typing", conversationId, who, agentId, name, typing, null, null, null, null, null);
    }

    public static Signal presence(String agentId, String presence) {
        return new Signal("presence", null, null, agentId, null, null, presence, null, null, null, null);
    }

    public static Signal articleChanged(String articleId) {
        return new Signal("article", null, null, null, null, null, null, articleId, null, null, null);
    }

    /**
     * {@code text} comes at {@code offset} in the unchecked answer the model is writing to {@code replyTo}, for the
     * bot called {@code botName}.
     */
    public static Signal answerDraft(String conversationId, String replyTo, int offset, String text, String botName) {
        return new Signal("draft", conversationId, null, null, botName, null, null, null, replyTo, offset, text);
    }
}
