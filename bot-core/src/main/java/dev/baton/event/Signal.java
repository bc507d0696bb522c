package dev.baton.event;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Something passing that every node should hear but nobody needs to keep: someone is typing, an agent's presence
 * changed. Not stored; a node that misses one loses nothing that matters.
 *
 * @param kind "typing" or "presence"
 * @param who for typing: "customer" or "agent"
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Signal(String kind, String conversationId, String who, String agentId, String name, Boolean typing,
        String presence) {

    public static Signal typing(String conversationId, String who, String agentId, String name, boolean typing) {
        return new Signal("typing", conversationId, who, agentId, name, typing, null);
    }

    public static Signal presence(String agentId, String presence) {
        return new Signal("presence", null, null, agentId, null, null, presence);
    }
}
