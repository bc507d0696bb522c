package dev.baton.detect;

import java.util.List;

/**
 * What the detectors found in one customer message.
 *
 * @param intent the request that needs a person, or null
 * @param intentScore how sure the intent detector is, 0 to 1
 * @param frustration how frustrated the message reads, 0 to 1, the conversation so far included
 * @param evidence why, in words an agent can check ("ALL CAPS", "asks the same question again", ...)
 * @param notHelpful the customer says the last answer did not help
 * @param asksAgain the customer asks again what the bot just answered (the same question, or "I mean ...")
 */
public record Analysis(Intent intent, double intentScore, double frustration, List<String> evidence,
        boolean notHelpful, boolean asksAgain) {

    public Analysis {
        evidence = List.copyOf(evidence);
    }

    /** An analysis of a message that asks nothing again. */
    public Analysis(Intent intent, double intentScore, double frustration, List<String> evidence,
            boolean notHelpful) {
        this(intent, intentScore, frustration, evidence, notHelpful, false);
    }
}
