package dev.baton.widget;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.baton.conversation.Seq;
import io.javalin.websocket.WsContext;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

/**
 * One customer connection after {@code hello}: the conversation it follows and the last seq it was sent. Sending
 * is serialised per socket, so live events and replies to the client's own frames go out in the order they were
 * produced, and no message is sent twice.
 */
final class ChatSocket {
    private final WsContext ctx;
    private final ObjectWriter frames;
    private String conversationId;
    private String lastSentSeq;

    ChatSocket(WsContext ctx, ObjectWriter frames) {
        this.ctx = ctx;
        this.frames = frames;
    }

    synchronized String conversationId() {
        return conversationId;
    }

    synchronized void follow(String conversationId, String lastSentSeq) {
        this.conversationId = conversationId;
        this.lastSentSeq = lastSentSeq;
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
        if (Seq.compare(seq, lastSentSeq) > 0) {
            lastSentSeq = seq;
            send(frame);
        }
    }

    /**
     * Runs {@code step} and sends its frame with no live event in between, so that, for example, the ack of a
     * message always reaches the client before the message itself comes back live.
     */
    synchronized void sendAfter(Supplier<ServerFrame> step) {
        send(step.get());
    }
}
