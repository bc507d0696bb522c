package dev.baton.detect;

import dev.baton.conversation.CustomerText;
import dev.baton.conversation.History;
import dev.baton.conversation.Message;
import dev.baton.conversation.Role;
import dev.baton.conversation.Seq;
import dev.baton.kb.TextAnalysis;
import dev.baton.kb.Vectors;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one customer message in the light of the conversation so far: its intent, and a frustration score that
 * carries over from earlier messages and grows with the signs of a conversation going badly: the same question
 * again after the bot answered it (close in meaning, or sharing most words), the bot sending the same article twice,
 * sarcasm right after a bot answer, "that didn't help", answers the bot was not sure of, frustration rising message
 * after message, a long message after short ones, an annoyed message after replies in a row that helped with
 * nothing (choices not taken, "not sure", answers said not to help). Each sign is evidence in the customer's own
 * words where it has any.
 */
public final class MessageAnalyzer {
    /** How much of the previous message's frustration carries over. */
    static final double CARRY_OVER = 0.5;
    static final double REPEATED_QUESTION = 0.3;
    static final double SAME_ARTICLE_TWICE = 0.2;
    static final double SARCASM_AFTER_ANSWER = 0.3;
    static final double RISING = 0.15;
    static final double NOT_HELPFUL = 0.1;
    static final double PER_UNSURE_REPLY = 0.05;
    static final double LONG_AFTER_SHORT = 0.1;
    /**
     * Per reply in a row that helped with nothing (choices not taken, "not sure", said not to help), up to
     * {@link #WITHOUT_HELP_COUNTED}, once the customer sounds at least {@link #SOUNDS_ANNOYED}: three such replies
     * and a message that reads somewhat annoyed (0.35), or two and one frustrated alone (0.5), reach the default
     * handoff threshold (0.8). A calm message after them adds nothing: customers move on.
     */
    static final double PER_REPLY_WITHOUT_HELP = 0.15;
    static final int WITHOUT_HELP_COUNTED = 3;
    /** One sign in the message's words (annoyance, sarcasm, profanity, "that didn't help") scores this much. */
    static final double SOUNDS_ANNOYED = 0.3;
    /** Two questions this close in meaning (bge-small cosine) ask the same thing. */
    static final double SAME_QUESTION_COSINE = 0.86;
    /** How many earlier customer messages the trajectory looks at. */
    static final int RECENT = 10;
    private static final int QUOTE_LIMIT = 80;

    private final IntentDetector intents;
    private final FrustrationDetector frustration;
    private final TextAnalysis analysis;
    private final RecentVectors vectors = new RecentVectors();

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
        vectors.put(CustomerText.bounded(text), vector);
        List<Message> before = history.sinceFreshStart().stream().filter(m -> Seq.compare(m.seq(), seq) < 0)
                .toList();
        List<Message> earlier = before.stream().filter(m -> m.author().role() == Role.CUSTOMER).toList();
        // A long conversation costs no more to read than its recent part.
        if (earlier.size() > RECENT) {
            earlier = earlier.subList(earlier.size() - RECENT, earlier.size());
        }
        List<String> evidence = new ArrayList<>(score.evidence());
        double previous = frustrationOf(history, earlier, 1);
        double boosts = 0;
        Optional<Message> repeated = repeatedQuestion(text, language, vector, before);
        boolean afterAnswer = lastIsBotReply(before);
        if (repeated.isPresent()) {
            boosts += REPEATED_QUESTION;
            evidence.add("asks the same question again, after an answer (\""
                    + CustomerText.oneLine(repeated.get().text(), QUOTE_LIMIT) + "\")");
        } else if (score.rephrases() != null && afterAnswer) {
            evidence.add("puts the question again in other words (\"" + score.rephrases() + "\")");
        }
        boolean asksAgain = repeated.isPresent() || (score.rephrases() != null && afterAnswer);
        Optional<String> sameArticle = sameArticleTwice(before);
        if (sameArticle.isPresent()) {
            boosts += SAME_ARTICLE_TWICE;
            evidence.add("the bot sent the same article twice (\"" + sameArticle.get() + "\")");
        }
        if (score.sarcastic() && lastIsBotAnswer(before)) {
            boosts += SARCASM_AFTER_ANSWER;
            evidence.add("sarcastic right after the bot's answer");
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
        double twoBack = frustrationOf(history, earlier, 2);
        if (earlier.size() >= 2 && score.value() > previous && previous > twoBack && score.value() >= SOUNDS_ANNOYED) {
            boosts += RISING;
            evidence.add(String.format("frustration rising over three messages (%.2f, %.2f, now %.2f)", twoBack,
                    previous, score.value()));
        }
        TurnsWithoutHelp withoutHelp = TurnsWithoutHelp.before(before, history, notHelpful);
        if (withoutHelp.count() >= 2 && score.value() >= SOUNDS_ANNOYED) {
            boosts += PER_REPLY_WITHOUT_HELP * Math.min(WITHOUT_HELP_COUNTED, withoutHelp.count());
            evidence.add(String.format("sounds annoyed (%.2f) after %d replies in a row that did not help (%s): "
                    + "\"%s\"", score.value(), withoutHelp.count(), withoutHelp.describe(),
                    CustomerText.oneLine(text, QUOTE_LIMIT)));
        }
        if (longAfterShort(text, earlier)) {
            boosts += LONG_AFTER_SHORT;
            evidence.add("a long message after short ones");
        }
        double value = Math.min(1, Math.max(score.value(), CARRY_OVER * previous) + boosts);
        if (intent.intent() != null) {
            evidence.addAll(0, intent.evidence());
        }
        return new Analysis(intent.intent(), intent.score(), value, evidence, notHelpful, asksAgain);
    }

    /** The frustration of the customer message {@code back} places before this one (1: the previous), or 0. */
    private static double frustrationOf(History history, List<Message> earlier, int back) {
        if (earlier.size() < back) {
            return 0;
        }
        Analysis analysis = history.analysisOf(earlier.get(earlier.size() - back).seq());
        return analysis == null ? 0 : analysis.frustration();
    }

    /**
     * An earlier customer message that the bot answered and that this one asks again: close in meaning when both
     * embeddings are at hand, else sharing at least half their words (of three words or more).
     */
    private Optional<Message> repeatedQuestion(String text, String language, float[] vector, List<Message> before) {
        Set<String> terms = analysis.terms(text, language);
        int lastBot = -1;
        for (int i = 0; i < before.size(); i++) {
            if (before.get(i).author().role() == Role.BOT) {
                lastBot = i;
            }
        }
        for (int i = Math.max(0, lastBot - 2 * RECENT); i < lastBot; i++) {
            Message message = before.get(i);
            if (message.author().role() != Role.CUSTOMER) {
                continue;
            }
            float[] other = vector == null ? null : vectors.get(CustomerText.bounded(message.text()));
            if (other != null ? Vectors.dot(vector, other, 0) >= SAME_QUESTION_COSINE
                    : sharesMostWords(terms, analysis.terms(message.text(), language))) {
                return Optional.of(message);
            }
        }
        return Optional.empty();
    }

    private static boolean sharesMostWords(Set<String> terms, Set<String> other) {
        if (terms.size() < 3) {
            return false;
        }
        Set<String> shared = new HashSet<>(terms);
        shared.retainAll(other);
        Set<String> union = new HashSet<>(terms);
        union.addAll(other);
        return !union.isEmpty() && shared.size() * 2 >= union.size();
    }

    /** The title of the article the bot's last two answers both cited, if they did. */
    private static Optional<String> sameArticleTwice(List<Message> before) {
        List<Message> answers = before.stream()
                .filter(m -> m.author().role() == Role.BOT && m.citations() != null && !m.citations().isEmpty())
                .toList();
        if (answers.size() < 2) {
            return Optional.empty();
        }
        var last = answers.get(answers.size() - 1).citations().get(0);
        var one = answers.get(answers.size() - 2).citations().get(0);
        return last.articleId().equals(one.articleId()) ? Optional.of(last.title()) : Optional.empty();
    }

    /** The bot spoke last: with an answer or a "not sure". */
    private static boolean lastIsBotReply(List<Message> before) {
        return !before.isEmpty() && before.get(before.size() - 1).author().role() == Role.BOT;
    }

    private static boolean lastIsBotAnswer(List<Message> before) {
        if (before.isEmpty()) {
            return false;
        }
        Message last = before.get(before.size() - 1);
        return last.author().role() == Role.BOT && last.citations() != null;
    }

    private static boolean longAfterShort(String text, List<Message> earlier) {
        if (earlier.size() < 2 || text.length() < 120) {
            return false;
        }
        double mean = earlier.stream().mapToInt(m -> m.text().length()).average().orElse(0);
        return text.length() >= 2.5 * mean;
    }
}
