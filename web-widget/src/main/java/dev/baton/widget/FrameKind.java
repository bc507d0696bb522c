package dev.baton.widget;

/** The kinds of frame a customer's client sends on {@code /ws/chat}; each has a budget of its own (ChatLimits). */
public enum FrameKind {
    HELLO,
    MESSAGE,
    READ,
    TYPING,
    FEEDBACK,
    CONTACT,
    CSAT,
    REQUEST_HUMAN,
    /** A frame that could not be read: not JSON, an unknown type, a field missing or wrong. */
    INVALID;

    static FrameKind of(ClientFrame frame) {
        if (frame instanceof ClientFrame.Hello) {
            return HELLO;
        } else if (frame instanceof ClientFrame.SendMessage) {
            return MESSAGE;
        } else if (frame instanceof ClientFrame.Read) {
            return READ;
        } else if (frame instanceof ClientFrame.Typing) {
            return TYPING;
        } else if (frame instanceof ClientFrame.Feedback || frame instanceof ClientFrame.Pick) {
            return FEEDBACK;
        } else if (frame instanceof ClientFrame.Contact) {
            return CONTACT;
        } else if (frame instanceof ClientFrame.Csat) {
            return CSAT;
        }
        return REQUEST_HUMAN;
    }
}
