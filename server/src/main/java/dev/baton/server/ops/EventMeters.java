package dev.baton.server.ops;

import dev.baton.conversation.Role;
import dev.baton.event.EventListener;
import dev.baton.event.HandedOff;
import dev.baton.event.LoggedEvent;
import dev.baton.event.MessageCreated;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;

/**
 * Counts messages ({@code baton_messages_total{direction, author}}: in from customers, out from the bot, agents and
 * the system) and handoffs ({@code baton_handoffs_total{reason}}) as the event bus hears them. Every node hears every
 * event, so each counts only the events it wrote itself: summed over the nodes, every event counts once.
 */
final class EventMeters implements EventListener {
    private final String nodeId;
    private final MeterRegistry registry;

    EventMeters(String nodeId, MeterRegistry registry) {
        this.nodeId = nodeId;
        this.registry = registry;
    }

    @Override
    public void onEvent(LoggedEvent logged) {
        if (!nodeId.equals(logged.origin())) {
            return;
        }
        if (logged.event() instanceof MessageCreated message) {
            Role role = message.author().role();
            Counter.builder("baton.messages").description("Messages written in conversations on this node")
                    .tag("direction", role == Role.CUSTOMER ? "in" : "out")
                    .tag("author", role.name().toLowerCase(Locale.ROOT))
                    .register(registry).increment();
        } else if (logged.event() instanceof HandedOff handoff) {
            Counter.builder("baton.handoffs").description("Conversations the bot handed to a person, by reason")
                    .tag("reason", handoff.context().reason().code())
                    .register(registry).increment();
        }
    }
}
