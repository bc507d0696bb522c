package dev.baton.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.framing.Framedata;
import org.java_websocket.framing.TextFrame;
import org.java_websocket.handshake.ServerHandshake;

/**
 * A WebSocket connection to one of Baton's doors, its incoming frames queued for the one thread that uses it. It
 * can also send what no well-behaved client sends (invalid UTF-8 in a text frame, binary frames), reset the
 * connection without a closing handshake, and ping. Sends after the close are dropped: the close is on the queue.
 */
final class JsonSocket extends WebSocketClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Queued when the connection closes, whoever closed it. */
    static final JsonNode CLOSED = JSON.createObjectNode().put("type", "closed");

    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final BlockingQueue<Boolean> pongs = new LinkedBlockingQueue<>();
    private volatile boolean closed;
    private volatile int closeCode;

    private JsonSocket(URI uri, Map<String, String> headers) {
        super(uri, headers);
        setConnectionLostTimeout(0);
    }

    /** A new open connection, or null when the server can't be reached or refuses the upgrade. */
    static JsonSocket open(URI uri, Map<String, String> headers) {
        JsonSocket socket = new JsonSocket(uri, headers);
        try {
            return socket.connectBlocking(5, TimeUnit.SECONDS) ? socket : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    boolean usable() {
        return !closed && isOpen();
    }

    /** The close code the connection ended with (1007, 1009, 1006 for a reset...); 0 while open. */
    int closeCode() {
        return closeCode;
    }

    @Override
    public void send(String text) {
        if (usable()) {
            try {
                super.send(text);
            } catch (RuntimeException goneMeanwhile) {
                // the close arrives on the queue
            }
        }
    }

    /** Sends the frame as it is: text, binary, or bytes that are not UTF-8 in a text frame, unchecked. */
    void send(BadFrames.Frame frame) {
        if (frame.text() != null) {
            send(frame.text());
        } else if (usable()) {
            try {
                if (frame.binary()) {
                    super.send(frame.bytes());
                } else {
                    TextFrame text = new TextFrame();
                    text.setPayload(ByteBuffer.wrap(frame.bytes()));
                    text.setFin(true);
                    sendFrame(text);
                }
            } catch (RuntimeException goneMeanwhile) {
                // the close arrives on the queue
            }
        }
    }

    /** The next frame; {@link #CLOSED} when the connection closed, null when nothing came within {@code limit}. */
    JsonNode next(Duration limit) {
        try {
            return frames.poll(Math.max(0, limit.toNanos()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Pings and waits for the pong; true when it came (every frame before it has been read by the server). */
    boolean ping(Duration limit) {
        pongs.clear();
        try {
            sendPing();
            return pongs.poll(limit.toMillis(), TimeUnit.MILLISECONDS) != null;
        } catch (RuntimeException closedMeanwhile) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Moves every frame received so far to {@code into}. */
    void drainTo(List<JsonNode> into) {
        frames.drainTo(into);
    }

    /** The network goes: the connection is reset, with no closing handshake. */
    void abort() {
        closed = true;
        Socket socket = getSocket();
        try {
            if (socket != null) {
                socket.setSoLinger(true, 0);
                socket.close();
            }
        } catch (IOException ignored) {
            // already gone
        }
        frames.add(CLOSED);
    }

    @Override
    public void onWebsocketPong(WebSocket conn, Framedata frame) {
        pongs.add(Boolean.TRUE);
    }

    @Override
    public void onOpen(ServerHandshake handshake) {}

    @Override
    public void onMessage(String message) {
        try {
            frames.add(JSON.readTree(message));
        } catch (IOException e) {
            frames.add(JSON.createObjectNode().put("type", "not json").put("text", message));
        }
    }

    @Override
    public void onMessage(ByteBuffer bytes) {
        frames.add(JSON.createObjectNode().put("type", "binary from the server"));
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
        closeCode = code;
        closed = true;
        frames.add(CLOSED);
    }

    @Override
    public void onError(Exception ex) {}
}
