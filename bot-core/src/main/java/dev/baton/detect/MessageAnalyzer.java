package dev.baton.detect;

import dev.baton.conversation.History;
import dev.baton.conversation.Message;
import dev.baton.conversation.Seq;
import dev.baton.kb.TextAnalysis;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads one customer message in the light of the conversation so far: its intent, and a frustration score that
 * carries over from earlier messages and grows with the signs of a conversation going badly (the same question
 * again, "that didn't help", answers the bot was not sure of, a long message after short ones).
 */
public final class MessageAnalyzer {
    /** How much of the previous message's frustration carries over. */
    static final double CARRY_OVER = 0.5;
    static final double REPEATED_QUESTION = 0.15;
    static final double NOT_HELPFUL = 0.1;
    static final double PER_UNSURE_REPLY = 0.05;
    static final double LONG_AFTER_SHORT = 0.1;
    /** How many earlier customer messages the trajectory looks at. */
    static final int RECENT = 10;

    private final IntentDetector intents;
    private final FrustrationDetector frustration;
    private final TextAnalysis analysis;

    public MessageAnalyzer(IntentDetector intents, FrustrationDetector frustration, TextAnalysis analysis) {
        this.intents = intents;
        this.frustration = frustration;
        this.analysis = analysis;
    }

    /**
     * @param history the conversation, which may already hold this message (at {@code seq})
     * @param vector the message's embedding when its language has one, else null
     */
    public Analysis analyze(String seq, String text, String language, float[] vector, History history) {
        IntentDetector.Result intent = intents.detect(text, language, vector);
        FrustrationDetector.Score score = frustration.score(text, vector);
        List<Message> earlier = history.customerMessagesSinceFreshStart().stream()
                .filter(m -> Seq.compare(m.seq(), seq) < 0).toList();
        // A long conversation costs no more to read than its recent part.
        if (earlier.size() > RECENT) {
            earlier = earlier.subList(earlier.size() - RECENT, earlier.size());
        }
        List<String> evidence = new ArrayList<>(score.evidence());
        double previous = earlier.isEmpty() || history.analysisOf(earlier.get(earlier.size() - 1).seq()) == null
                ? 0 : history.analysisOf(earlier.get(earlier.size() - 1).seq()).frustration();
        double boosts = 0;
        if (repeatsAnEarlierQuestion(text, language, earlier)) {
            boosts += REPEATED_QUESTION;
            evidence.add("asks the same question again");
        }
        boolean notHelpful = score.saysNotHelpful();
        if (!notHelpful && history.trailingUnhelpfulAnswers() > 0) {
            boosts += NOT_HELPFUL;
            evidence.add("said \"No\" to \"Did this help?\"");
        } else if (notHelpful) {
            boosts += NOT_HELPFUL;
        }
        int unsure = Math.min(2, history.trailingUnsureReplies());
        if (unsure > 0) {
            boosts += PER_UNSURE_REPLY * unsure;
            evidence.add(unsure == 1 ? "the bot was not sure of its last answer"
                    : "the bot was not sure of its last " + unsure + " answers");
        }
        if (longAfterShort(text, earlier)) {
            boosts += LONG_AFTER_SHORT;
            evidence.add("a long message after short ones");
        }
        double value = Math.min(1, Math.max(score.value(), CARRY_OVER * previous) + boosts);
        if (intent.intent() != null) {
            evidence.addAll(0, intent.evidence());
        }
        return new Analysis(intent.intent(), intent.score(), value, evidence, notHelpful);
    }

    /** Shares at least half its words with an earlier question (of three words or more). */
    private boolean repeatsAnEarlierQuestion(String text, String language, List<Message> earlier) {
        Set<String> terms = analysis.terms(text, language);
        if (terms.size() < 3) {
            return false;
        }
        for (Message message : earlier) {
            Set<String> other = analysis.terms(message.text(), language);
            Set<String> shared = new HashSet<>(terms);
            shared.retainAll(other);
            Set<String> union = new HashSet<>(terms);
            union.addAll(other);
            if (!union.isEmpty() && shared.size() * 2 >= union.size()) {
                return true;
            }
        }
        return false;
    }

    private static boolean longAfterShort(String text, List<Message> earlier) {
        if (earlier.size() < 2 || text.length() < 120) {
            return false;
        }
        double mean = earlier.stream().mapToInt(m -> m.text().length()).average().orElse(0);
        return text.length() >= 2.5 * mean;
    }
}
