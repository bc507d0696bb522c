package dev.baton.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.event.FeedPosition;
import dev.baton.event.LoggedEvent;
import dev.baton.event.Signal;
import dev.baton.event.Signals;
import dev.baton.routing.Assigner;
import dev.baton.routing.Presence;
import dev.baton.store.RedisEventFeed;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.Header;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.websocket.WsBinaryMessageContext;
import io.javalin.websocket.WsCloseContext;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsMessageContext;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /ws/agent}: the console's live connection. Opened only with a session cookie and from a page of Baton's own
 * origin ({@link ConsoleOrigins}); the console says hello (with the last event id it saw, to catch up), beats every
 * 20 seconds (presence), and sends typing. It is closed when its session ends ({@link AgentSessions#closeEnded}).
 */
public final class AgentEndpoint {
    private static final Logger log = LoggerFactory.getLogger(AgentEndpoint.class);

    private final AccessGuard access;
    private final ConsoleOrigins origins;
    private final AgentSessions sessions;
    private final RedisEventFeed feed;
    private final Presence presence;
    private final Assigner assigner;
    private final Signals signals;
    private final Views views;
    private final ObjectMapper json;
    private final Map<String, AgentSocket> sockets = new ConcurrentHashMap<>();

    public AgentEndpoint(AccessGuard access, ConsoleOrigins origins, AgentSessions sessions, RedisEventFeed feed,
            Presence presence, Assigner assigner, Signals signals, Views views, ObjectMapper json) {
        this.access = access;
        this.origins = origins;
        this.sessions = sessions;
        this.feed = feed;
        this.presence = presence;
        this.assigner = assigner;
        this.signals = signals;
        this.views = views;
        this.json = json;
    }

    /** Refuses the upgrade with 403 for a page of another origin, and with 401 when there is no valid session. */
    public void beforeUpgrade(Context ctx) {
        if (!origins.allows(ctx.header(Header.ORIGIN), ctx.header(Header.HOST))) {
            throw new ForbiddenResponse("Only Baton's own console pages may open this socket.");
        }
        if (access.signedIn(ctx.cookie(AccessGuard.COOKIE)).isEmpty()) {
            throw new UnauthorizedResponse("Log in first.");
        }
    }

    public void configure(WsConfig ws) {
        ws.onConnect(this::connected);
        ws.onMessage(this::received);
        ws.onBinaryMessage(this::receivedBinary);
        ws.onClose(this::closed);
    }

    private void connected(WsConnectContext ctx) {
        Optional<AccessGuard.Signed> signed = access.signedIn(ctx.cookie(AccessGuard.COOKIE));
        if (signed.isEmpty()) {
            ctx.closeSession(AgentSocket.SESSION_ENDED, "login_required");
            return;
        }
        ctx.enableAutomaticPings(20, TimeUnit.SECONDS);
        var socket = new AgentSocket(ctx, json.writerFor(AgentFrame.class), signed.get().agent(),
                signed.get().session().id());
        sockets.put(ctx.sessionId(), socket);
        sessions.add(socket);
        beat(socket);
    }

    private void received(WsMessageContext ctx) {
        AgentSocket socket = sockets.get(ctx.sessionId());
        if (socket == null) {
            return;
        }
        JsonNode frame;
        try {
            frame = json.readTree(ctx.message());
        } catch (Exception e) {
            socket.send(new AgentFrame.Error("bad_json", "The frame is not valid JSON."));
            return;
        }
        if (frame == null || !frame.isObject()) {
            socket.send(new AgentFrame.Error("bad_json", "The frame must be a JSON object."));
            return;
        }
        try {
            switch (frame.path("type").asText()) {
                case "hello" -> hello(socket, frame.path("lastEventId").asText(null));
                case "heartbeat" -> beat(socket);
                case "typing" -> typing(socket, frame);
                default -> socket.send(new AgentFrame.Error("unknown_type", "Unknown frame type."));
            }
        } catch (RuntimeException e) {
            log.error("Console frame failed for agent {}", socket.agent().id(), e);
            socket.send(new AgentFrame.Error("unavailable", "Could not handle that right now; try again."));
        }
    }

    /** No binary frame is part of the console protocol: refused, and the connection stays. */
    private void receivedBinary(WsBinaryMessageContext ctx) {
        AgentSocket socket = sockets.get(ctx.sessionId());
        if (socket != null) {
            socket.send(new AgentFrame.Error("bad_json", "Frames are JSON text; a binary frame is not part of the "
                    + "protocol."));
        }
    }

    private void hello(AgentSocket socket, String lastEventId) {
        if (socket.started()) {
            socket.send(new AgentFrame.Error("already_started", "Say hello once per connection."));
            return;
        }
        Optional<FeedPosition> from = feed.position(lastEventId);
        if (from.isEmpty()) {
            // Hold live events while reading where the feed is, so none falls between the two.
            socket.start(null, true);
            FeedPosition latest = feed.latest();
            socket.skipTo(latest);
            socket.send(new AgentFrame.Welcome(views.agent(socket.agent()), latest.toString()));
            socket.replayed();
            return;
        }
        socket.start(from.get(), true);
        socket.send(new AgentFrame.Welcome(views.agent(socket.agent()), lastEventId));
        Optional<List<LoggedEvent>> missed = feed.since(from.get());
        if (missed.isEmpty()) {
            socket.send(new AgentFrame.Resync());
        } else {
            // The counts as they are now: every replayed event carries the latest, as live ones do.
            Map<String, Long> counts = sessions.counts(List.of(socket)).get(socket.agent().id());
            for (LoggedEvent logged : missed.get()) {
                socket.deliverReplayed(sessions.frame(logged, sessions.summary(logged), counts));
            }
        }
        socket.replayed();
    }

    private void beat(AgentSocket socket) {
        String agentId = socket.agent().id();
        if (presence.heartbeat(agentId)) {
            signals.publish(Signal.presence(agentId, presence.of(agentId).name().toLowerCase(Locale.ROOT)));
            assigner.nudge();
        }
    }

    private void typing(AgentSocket socket, JsonNode frame) {
        String conversationId = frame.path("conversationId").asText("");
        if (conversationId.isEmpty() || conversationId.length() > 64) {
            socket.send(new AgentFrame.Error("invalid_field", "\"conversationId\" is required."));
            return;
        }
        signals.publish(Signal.typing(conversationId, "agent", socket.agent().id(), socket.agent().name(),
                frame.path("typing").asBoolean(false)));
    }

    private void closed(WsCloseContext ctx) {
        AgentSocket socket = sockets.remove(ctx.sessionId());
        if (socket != null) {
            sessions.remove(socket);
        }
    }
}
