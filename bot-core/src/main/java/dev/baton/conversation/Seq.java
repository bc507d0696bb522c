package dev.baton.conversation;

import com.google.re2j.Pattern;

/**
 * A position in a conversation's log: the Redis stream id ({@code <millis>-<counter>}) of an event. Clients resume
 * from the last one they saw; ids only grow, so comparing them orders events.
 */
public final class Seq {
    /** Up to 18 digits a side: always within a long. */
    private static final Pattern FORMAT = Pattern.compile("\\d{1,18}-\\d{1,18}");

    private Seq() {}

    public static boolean isValid(String seq) {
        return seq != null && FORMAT.matcher(seq).matches();
    }

    /** The time the event was stored, in epoch milliseconds. */
    public static long millis(String seq) {
        return Long.parseLong(seq.substring(0, seq.indexOf('-')));
    }

    /** Orders two ids; {@code null} (nothing seen yet) comes before every id. */
    public static int compare(String a, String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        int dash = a.indexOf('-');
        int otherDash = b.indexOf('-');
        int byMillis = Long.compare(Long.parseLong(a.substring(0, dash)), Long.parseLong(b.substring(0, otherDash)));
        return byMillis != 0 ? byMillis
                : Long.compare(Long.parseLong(a.substring(dash + 1)), Long.parseLong(b.substring(otherDash + 1)));
    }
}
