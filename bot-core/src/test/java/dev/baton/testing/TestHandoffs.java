package dev.baton.testing;

import dev.baton.conversation.Author;
import dev.baton.conversation.Customer;
import dev.baton.conversation.Role;
import dev.baton.handoff.HandoffContext;
import dev.baton.handoff.Priority;
import dev.baton.handoff.Reason;
import dev.baton.routing.Availability;
import java.util.List;

/** A minimal handoff for tests that need a conversation in the team's queue. */
public final class TestHandoffs {
    public static final Author SYSTEM = new Author(Role.SYSTEM, null, null);
    public static final Availability AVAILABLE = new Availability("general", true, 1, 5, null);

    private TestHandoffs() {}

    public static HandoffContext context(String visitorId) {
        return new HandoffContext(Customer.visitor(visitorId, "en"), List.of(), Reason.HUMAN_REQUESTED, "test",
                List.of(), List.of(), List.of(), List.of(),
                new HandoffContext.Details(List.of(), List.of(), List.of(), List.of(), List.of(), List.of()),
                List.of("a", "b", "c"), Priority.NORMAL, 1L);
    }
}
