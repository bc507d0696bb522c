package dev.baton.widget;

/** Thrown when a client frame can't be accepted; becomes an {@code error} frame with the same code and message. */
final class FrameRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String code;
    private final String clientMsgId;

    FrameRefused(String code, String message) {
        this(code, message, null);
    }

    FrameRefused(String code, String message, String clientMsgId) {
        super(message, null, false, false);
        this.code = code;
        this.clientMsgId = clientMsgId;
    }

    ServerFrame.Error toFrame() {
        return new ServerFrame.Error(code, getMessage(), clientMsgId);
    }
}
