package dev.baton.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The ownership state machine, as one table. */
class TransitionTest {

    @Test
    void the_moves_allowed_are_exactly_these() {
        assertEquals(Set.of(Owner.BOT), Transition.HAND_OFF.from());
        assertEquals(Owner.WAITING, Transition.HAND_OFF.to());
        assertEquals(Set.of(Owner.WAITING), Transition.CLAIM.from());
        assertEquals(Owner.AGENT, Transition.CLAIM.to());
        assertEquals(Set.of(Owner.BOT), Transition.TAKE_OVER.from());
        assertEquals(Set.of(Owner.AGENT), Transition.REQUEUE.from());
        assertEquals(EnumSet.of(Owner.WAITING, Owner.AGENT), Transition.RETURN_TO_BOT.from());
        assertEquals(EnumSet.of(Owner.BOT, Owner.WAITING, Owner.AGENT), Transition.RESOLVE.from());
        assertEquals(Set.of(Owner.RESOLVED), Transition.REOPEN.from());
        assertEquals(Owner.BOT, Transition.REOPEN.to());
        assertEquals(Owner.AGENT, Transition.REOPEN_BY_AGENT.to());
    }

    @Test
    void the_bot_gets_a_conversation_back_only_by_a_persons_choice_or_the_customer_returning() {
        for (Transition transition : Transition.values()) {
            if (transition.to() == Owner.BOT) {
                assertEquals(true, transition == Transition.RETURN_TO_BOT || transition == Transition.REOPEN,
                        transition::name);
            }
        }
    }
}
