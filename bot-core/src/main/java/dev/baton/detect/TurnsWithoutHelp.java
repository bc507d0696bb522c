package dev.baton.detect;

import dev.baton.conversation.History;
import dev.baton.conversation.Message;
import dev.baton.conversation.Role;
import java.util.ArrayList;
import java.util.List;

/**
 * The bot's latest replies in a row that helped the customer with nothing: choices they did not take (they wrote
 * again instead, or answered "None of these"), "not sure", and answers they said did not help.
 *
 * @param choicesNotTaken offers of articles the customer wrote past
 * @param notSure replies that cite no article ("None of these" is answered with one)
 * @param notHelpful answers the customer said did not help ("Did this help? No", or in words)
 */
record TurnsWithoutHelp(int choicesNotTaken, int notSure, int notHelpful) {

    /**
     * Reads the bot's replies before the message being analysed, latest first, up to the last one that helped.
     *
     * @param saysNotHelpful whether the message being analysed says the bot's last answer did not help
     */
    static TurnsWithoutHelp before(List<Message> before, History history, boolean saysNotHelpful) {
        boolean latest = true;
        int choices = 0;
        int notSure = 0;
        int notHelpful = 0;
        for (int i = before.size() - 1; i >= 0; i--) {
            Message reply = before.get(i);
            // Only replies to a question count: an apology after "No" or a system note neither counts nor helps.
            if (reply.author().role() != Role.BOT || reply.confidence() == null) {
                continue;
            }
            if (reply.choices() != null && !reply.choices().isEmpty()) {
                choices++;
            } else if (reply.citations() == null || reply.citations().isEmpty()) {
                notSure++;
            } else if (history.saidUnhelpful(reply) || latest && saysNotHelpful) {
                notHelpful++;
            } else {
                break;
            }
            latest = false;
        }
        return new TurnsWithoutHelp(choices, notSure, notHelpful);
    }

    int count() {
        return choicesNotTaken + notSure + notHelpful;
    }

    /** What the replies were, for the agent: "choices not taken twice, not sure once". */
    String describe() {
        List<String> parts = new ArrayList<>();
        add(parts, choicesNotTaken, "choices not taken");
        add(parts, notSure, "not sure");
        add(parts, notHelpful, "said not to help");
        return String.join(", ", parts);
    }

    private static void add(List<String> parts, int count, String what) {
        if (count > 0) {
            parts.add(what + (count == 1 ? " once" : count == 2 ? " twice" : " " + count + " times"));
        }
    }
}
