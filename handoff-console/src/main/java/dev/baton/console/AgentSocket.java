package dev.baton.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.baton.event.FeedPosition;
import dev.baton.routing.Agent;
import io.javalin.websocket.WsContext;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One console connection: its agent and session, and the last feed position it was sent. While it replays what a
 * reconnecting console missed, live events are held back and sent after, each once, in feed order.
 */
final class AgentSocket {
    /** The close code of a socket whose session ended; the reason says why (docs/console-api.md). */
    static final int SESSION_ENDED = 4401;

    private final WsContext ctx;
    private final ObjectWriter frames;
    private final Agent agent;
    private final String sessionId;
    private boolean started;
    private boolean welcomed;
    private boolean replaying;
    /** Null only before the first position is known, while events are held. */
    private FeedPosition lastSent;
    private final List<AgentFrame.Event> held = new ArrayList<>();

    AgentSocket(WsContext ctx, ObjectWriter frames, Agent agent, String sessionId) {
        this.ctx = ctx;
        this.frames = frames;
        this.agent = agent;
        this.sessionId = sessionId;
    }

    Agent agent() {
        return agent;
    }

    String sessionId() {
        return sessionId;
    }

    /** Closes the connection because its session is over, saying why ({@code logged_out}, ...). */
    synchronized void sessionEnded(String why) {
        ctx.closeSession(SESSION_ENDED, why);
    }

    synchronized boolean started() {
        return started;
    }

    synchronized void send(AgentFrame frame) {
        welcomed |= frame instanceof AgentFrame.Welcome;
        try {
            ctx.send(frames.writeValueAsString(frame));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A passing signal (typing, presence): only after the welcome, never held or replayed. */
    synchronized void signal(AgentFrame frame) {
        if (welcomed) {
            send(frame);
        }
    }

    synchronized void deliver(AgentFrame.Event event) {
        if (!started) {
            return;
        }
        if (replaying) {
            held.add(event);
        } else {
            sendIfNew(event);
        }
    }

    /**
     * Sends an event this console has not had, carrying the position it has reached with it (with one partition,
     * the event's own feed id), which is where it resumes from.
     */
    private void sendIfNew(AgentFrame.Event event) {
        if (!lastSent.covers(event.id())) {
            lastSent = lastSent.advancedTo(event.id());
            send(event.at(lastSent.toString()));
        }
    }

    /** Starts live delivery after {@code from}; with {@code replay}, events are held until {@link #replayed}. */
    synchronized void start(FeedPosition from, boolean replay) {
        started = true;
        replaying = replay;
        lastSent = from;
    }

    /** An event of the replay: sent now, in order, ahead of what is held. */
    synchronized void deliverReplayed(AgentFrame.Event event) {
        sendIfNew(event);
    }

    /** Counts everything up to {@code position} as sent. */
    synchronized void skipTo(FeedPosition position) {
        lastSent = position;
    }

    /** The replay is sent; what arrived meanwhile follows. */
    synchronized void replayed() {
        replaying = false;
        held.forEach(this::deliver);
        held.clear();
    }
}
