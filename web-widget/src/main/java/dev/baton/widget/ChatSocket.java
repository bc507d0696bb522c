package dev.baton.widget;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.baton.conversation.Seq;
import io.javalin.websocket.WsContext;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * One customer connection: the conversation it follows and the last seq it was sent. Live events are sent at most
 * once each, in seq order; while the socket prepares the reply to one of the client's frames (which may take a
 * Redis round trip), live events are held back and sent after that reply, so an ack always precedes the message it
 * acknowledges coming back live. Nothing slow happens while the socket's lock is held, so the event feed never
 * waits for one customer.
 */
final class ChatSocket {
    private final WsContext ctx;
    private final ObjectWriter frames;
    private final String clientAddress;
    private final FrameBudget budget;
    private String conversationId;
    private String lastSentSeq;
    private int replying;
    private final List<Held> held = new ArrayList<>();

    private record Held(String seq, ServerFrame frame) {}

    /** The frame that answers the client, and, for a welcome, the conversation the socket now follows. */
    record Reply(ServerFrame frame, String follow, String lastSeq) {
        static Reply of(ServerFrame frame) {
            return new Reply(frame, null, null);
        }
    }

    /**
     * @param clientAddress who the client is, for the limits per address
     * @param budget what this connection may send
     */
    ChatSocket(WsContext ctx, ObjectWriter frames, String clientAddress, FrameBudget budget) {
        this.ctx = ctx;
        this.frames = frames;
        this.clientAddress = clientAddress;
        this.budget = budget;
    }

    synchronized String conversationId() {
        return conversationId;
    }

    String clientAddress() {
        return clientAddress;
    }

    /** Counts one frame of the connection: 0 when it may go, otherwise the milliseconds until it may. */
    long admit(FrameKind kind) {
        return budget.admit(kind);
    }

    synchronized void send(ServerFrame frame) {
        try {
            ctx.send(frames.writeValueAsString(frame));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends an event's frame unless this socket already had it (in the welcome, or live before). */
    synchronized void deliver(String seq, ServerFrame frame) {
        if (replying > 0) {
            held.add(new Held(seq, frame));
        } else {
            sendIfNew(seq, frame);
        }
    }

    private void sendIfNew(String seq, ServerFrame frame) {
        if (Seq.compare(seq, lastSentSeq) > 0) {
            lastSentSeq = seq;
            send(frame);
        }
    }

    /**
     * Runs {@code step} outside the socket's lock, holding live events back meanwhile; then sends its reply and the
     * events held, in seq order, skipping those the reply already covered.
     */
    void reply(Supplier<Reply> step) {
        synchronized (this) {
            replying++;
        }
        Reply reply = null;
        try {
            reply = step.get();
        } finally {
            synchronized (this) {
                replying--;
                if (reply != null) {
                    if (reply.follow() != null) {
                        conversationId = reply.follow();
                        lastSentSeq = reply.lastSeq();
                    }
                    send(reply.frame());
                }
                if (replying == 0) {
                    held.sort(Comparator.comparing(Held::seq, Seq::compare));
                    held.forEach(h -> sendIfNew(h.seq(), h.frame()));
                    held.clear();
                }
            }
        }
    }
}
