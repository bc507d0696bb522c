package dev.baton.bench;

import java.util.Random;

/**
 * What a {@link Customer} breaks on purpose, drawn from a seeded random: with probability {@code rate} each send
 * gets one of the send faults, and each wait for an answer starts with a dropped connection.
 */
final class Faults {
    /** Where a send goes wrong. */
    enum Send {
        NONE,
        /** The connection drops before the frame goes out: nothing reached the server. */
        DROP_BEFORE,
        /** The connection drops right after the frame went out: it may or may not have been stored. */
        DROP_AFTER,
        /** The ack arrives but the customer never sees it (the connection drops): stored, resent after resume. */
        LOSE_ACK,
        /** The same frame twice at once, as two tabs or a nervous retry do. */
        DOUBLE,
        /** Sent again after its ack, with the same clientMsgId. */
        RESEND_AFTER_ACK
    }

    private static final Send[] SEND_FAULTS = {Send.DROP_BEFORE, Send.DROP_AFTER, Send.LOSE_ACK, Send.DOUBLE,
            Send.RESEND_AFTER_ACK};

    private final Random random;
    private final double rate;

    private Faults(Random random, double rate) {
        this.random = random;
        this.rate = rate;
    }

    static Faults none() {
        return new Faults(new Random(0), 0);
    }

    static Faults random(long seed, double rate) {
        return new Faults(new Random(seed), rate);
    }

    Send nextSend() {
        return random.nextDouble() < rate ? SEND_FAULTS[random.nextInt(SEND_FAULTS.length)] : Send.NONE;
    }

    boolean dropWhileWaiting() {
        return random.nextDouble() < rate / 2;
    }
}
