package dev.baton.console;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.Map;

/** A frame the server sends on {@code /ws/agent}; see docs/console-api.md. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(AgentFrame.Welcome.class),
    @JsonSubTypes.Type(AgentFrame.Resync.class),
    @JsonSubTypes.Type(AgentFrame.Event.class),
    @JsonSubTypes.Type(AgentFrame.Typing.class),
    @JsonSubTypes.Type(AgentFrame.PresenceChanged.class),
    @JsonSubTypes.Type(AgentFrame.Error.class),
})
sealed interface AgentFrame {

    @JsonTypeName("welcome")
    record Welcome(Views.AgentView agent, String lastEventId) implements AgentFrame {}

    /** The events asked for are no longer kept: reload everything. */
    @JsonTypeName("resync")
    record Resync() implements AgentFrame {}

    @JsonTypeName("event")
    record Event(String id, String conversationId, String seq, String eventType, Views.SummaryView summary,
            Map<String, Long> counts) implements AgentFrame {

        /** The same event with {@code id} the feed position a console reaches with it. */
        Event at(String position) {
            return position.equals(id) ? this : new Event(position, conversationId, seq, eventType, summary, counts);
        }
    }

    @JsonTypeName("typing")
    record Typing(String conversationId, String who, boolean typing) implements AgentFrame {}

    @JsonTypeName("presence")
    record PresenceChanged(String agentId, String presence) implements AgentFrame {}

    @JsonTypeName("error")
    record Error(String code, String message) implements AgentFrame {}
}
