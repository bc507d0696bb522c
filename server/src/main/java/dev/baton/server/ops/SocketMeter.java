package dev.baton.server.ops;

import io.javalin.websocket.WsConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open sockets of one kind ({@code baton_sockets_open{kind}}), kept by an after-handler on the socket's route:
 * it sees every connect and close whatever the endpoint does with them. Sockets are held by id, so a close heard
 * twice counts once.
 */
final class SocketMeter {
    private final Set<String> open = ConcurrentHashMap.newKeySet();

    SocketMeter(String kind, MeterRegistry registry) {
        Gauge.builder("baton.sockets.open", open, Set::size).strongReference(true)
                .description("WebSocket connections open on this node").tag("kind", kind).register(registry);
    }

    void configure(WsConfig ws) {
        ws.onConnect(ctx -> open.add(ctx.sessionId()));
        ws.onClose(ctx -> open.remove(ctx.sessionId()));
    }
}
