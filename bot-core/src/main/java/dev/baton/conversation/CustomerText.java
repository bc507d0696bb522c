package dev.baton.conversation;

import com.google.re2j.Pattern;

/**
 * How Baton reads what a customer wrote: at most {@link #MAX_CHARS} of one text, and only through linear-time
 * patterns (RE2/J, which never backtracks), so that no message, however it is written, can keep a thread busy.
 */
public final class CustomerText {
    /** The longest message a customer may send; a reader of customer text reads no more of one text than this. */
    public static final int MAX_CHARS = 4_000;

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private CustomerText() {}

    /** The text cut to {@link #MAX_CHARS}, never inside a surrogate pair. */
    public static String bounded(String text) {
        if (text.length() <= MAX_CHARS) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_CHARS - 1)) ? MAX_CHARS - 1 : MAX_CHARS;
        return text.substring(0, end);
    }

    /** The text on one line: every run of whitespace becomes one space, none at the ends. */
    public static String flat(String text) {
        return WHITESPACE.matcher(text).replaceAll(" ").trim();
    }

    /** The text on one line, cut to {@code max} characters with an ellipsis, as a list or a quote shows it. */
    public static String oneLine(String text, int max) {
        String flat = flat(bounded(text));
        return flat.length() > max ? flat.substring(0, max - 1) + "…" : flat;
    }
}
