package dev.baton.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.conversation.ConversationService;
import dev.baton.event.FeedPosition;
import dev.baton.event.LoggedEvent;
import dev.baton.event.Resolved;
import dev.baton.inbox.Inbox;
import dev.baton.inbox.InboxView;
import dev.baton.routing.Agent;
import dev.baton.routing.AgentRole;
import io.javalin.websocket.WsContext;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** The console fan-out: what an event changes is read once, for every console, never once per socket. */
class AgentSessionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConversationService conversations = mock(ConversationService.class);
    private final Inbox inbox = mock(Inbox.class);
    private final AgentSessions sessions = new AgentSessions(conversations, inbox, mock(Views.class));

    @Test
    void anEventReadsTheCountsOnceForEveryConsoleAndEachConsoleGetsItsOwnAgentsCounts() throws Exception {
        when(conversations.find("c-1")).thenReturn(Optional.empty());
        List<WsContext> anaTabs = List.of(console("ana"), console("ana"));
        WsContext ben = console("ben");
        for (int i = 0; i < 20; i++) {
            console("ben-" + i); // more consoles, none of which may cost a read of its own
        }
        when(inbox.counts(anyCollection())).thenAnswer(call -> {
            Map<String, Map<InboxView, Long>> all = new HashMap<>();
            for (Object id : call.getArgument(0, Collection.class)) {
                all.put((String) id, counts("ana".equals(id) ? 3 : 7));
            }
            return all;
        });

        sessions.onEvent(new LoggedEvent("1-0", "node", new Resolved("c-1", "ana"), "5-0"));

        @SuppressWarnings("unchecked")
        ArgumentCaptor<Collection<String>> asked = ArgumentCaptor.forClass(Collection.class);
        verify(inbox, times(1)).counts(asked.capture());
        verify(inbox, never()).counts(anyString());
        assertEquals(22, Set.copyOf(asked.getValue()).size(), "each agent once, however many tabs");
        for (WsContext tab : anaTabs) {
            assertEquals(3, sent(tab).path("counts").path("mine").asLong());
            assertEquals(10, sent(tab).path("counts").path("waiting").asLong());
        }
        assertEquals(7, sent(ben).path("counts").path("mine").asLong());
        assertEquals("conversation.resolved", sent(ben).path("eventType").asText());
    }

    private WsContext console(String agentId) {
        WsContext ctx = mock(WsContext.class);
        AgentSocket socket = new AgentSocket(ctx, JSON.writerFor(AgentFrame.class), new Agent(agentId,
                agentId + "@example.com", agentId, null, AgentRole.AGENT, List.of("support"), "UTC", 3, "hash", null),
                "session-" + agentId);
        socket.start(FeedPosition.start(1), false);
        sessions.add(socket);
        return ctx;
    }

    /** The one frame a console was sent. */
    private static JsonNode sent(WsContext ctx) throws Exception {
        ArgumentCaptor<String> frame = ArgumentCaptor.forClass(String.class);
        verify(ctx).send(frame.capture());
        return JSON.readTree(frame.getValue());
    }

    private static Map<InboxView, Long> counts(long mine) {
        Map<InboxView, Long> counts = new EnumMap<>(InboxView.class);
        for (InboxView view : InboxView.values()) {
            counts.put(view, view == InboxView.MINE ? mine : 10L);
        }
        return counts;
    }
}
