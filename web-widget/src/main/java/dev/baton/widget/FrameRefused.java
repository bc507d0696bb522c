package dev.baton.widget;

/** Thrown when a client frame can't be accepted; becomes an {@code error} frame with the same code and message. */
final class FrameRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String code;
    private final String clientMsgId;
    private final Long retryAfterMs;

    FrameRefused(String code, String message) {
        this(code, message, null);
    }

    FrameRefused(String code, String message, String clientMsgId) {
        this(code, message, clientMsgId, null);
    }

    private FrameRefused(String code, String message, String clientMsgId, Long retryAfterMs) {
        super(message, null, false, false);
        this.code = code;
        this.clientMsgId = clientMsgId;
        this.retryAfterMs = retryAfterMs;
    }

    /** Over a limit: the same frame may be sent again after {@code retryAfterMs}. */
    static FrameRefused rateLimited(String message, String clientMsgId, long retryAfterMs) {
        return new FrameRefused("rate_limited", message, clientMsgId, retryAfterMs);
    }

    String clientMsgId() {
        return clientMsgId;
    }

    ServerFrame.Error toFrame() {
        return new ServerFrame.Error(code, getMessage(), clientMsgId, retryAfterMs);
    }
}
