package dev.baton.widget;

/** How much one client may send in one frame, and in one message's text. */
public record ChatLimits(int maxFrameChars, int maxTextChars) {
    public static final ChatLimits DEFAULTS = new ChatLimits(16_384, 4_000);
}
