package dev.baton.handoff;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.baton.conversation.Conversation;
import dev.baton.conversation.ConversationService;
import dev.baton.conversation.Owner;
import dev.baton.routing.Routing;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** "Talk to a person" pressed again and again costs nothing once a person has the conversation. */
class HandoffServiceTest {
    private final ConversationService conversations = mock(ConversationService.class);
    private final HandoffService handoffs = new HandoffService(conversations, HandoffPolicy.DEFAULT,
            mock(Routing.class), Clock.systemUTC());

    @Test
    void asking_for_a_person_while_waiting_for_or_with_one_writes_nothing_and_builds_no_context() {
        for (Owner owner : new Owner[] {Owner.WAITING, Owner.AGENT}) {
            when(conversations.find("c1")).thenReturn(Optional.of(new Conversation("c1", "v1", owner, 0, "en", null)));

            var result = handoffs.requestPerson("c1", "en");

            assertTrue(result.isPresent() && !result.get().stored(), () -> owner + ": " + result);
        }
        verify(conversations, never()).history(anyString());
        verify(conversations, never()).handOff(any(), any(), any(), any(), any(), any(), any());
        verify(conversations, never()).reopenIfResolved(anyString());
    }
}
