package dev.baton.event;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Something passing that every node should hear but nobody needs to keep: someone is typing, an agent's presence
 * changed, an article changed (each node reloads it from Redis). Not stored; the article's new state is.
 *
 * @param kind "typing", "presence" or "article"
 * @param who for typing: "customer" or "agent"
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Signal(String kind, String conversationId, String who, String agentId, String name, Boolean typing,
        String presence, String articleId) {

    public static Signal typing(String conversationId, String who, String agentId, String name, boolean typing) {
        return new Signal("typing", conversationId, who, agentId, name, typing, null, null);
    }

    public static Signal presence(String agentId, String presence) {
        return new Signal("presence", null, null, agentId, null, null, presence, null);
    }

    public static Signal articleChanged(String articleId) {
        return new Signal("article", null, null, null, null, null, null, articleId);
    }
}
