package dev.baton.handoff;

import dev.baton.conversation.History;
import dev.baton.detect.Analysis;
import dev.baton.detect.Intent;
import dev.baton.conversation.Message;
import dev.baton.conversation.Role;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * When the bot passes the conversation to a person: at once on the requests in {@code immediateIntents}; when the
 * conversation's frustration reaches {@code frustrationThreshold}; after {@code lowConfidenceLimit} answers in a row
 * the bot was not sure of, or {@code notHelpfulLimit} answers in a row the customer said did not help. Cancel,
 * refund and frustration go to the front of the queue.
 */
public record HandoffPolicy(Set<Intent> immediateIntents, double frustrationThreshold, int lowConfidenceLimit,
        int notHelpfulLimit) {

    public static final HandoffPolicy DEFAULT = new HandoffPolicy(EnumSet.allOf(Intent.class), 0.8, 2, 2);

    public HandoffPolicy {
        immediateIntents = immediateIntents.isEmpty() ? Set.of() : EnumSet.copyOf(immediateIntents);
        if (frustrationThreshold <= 0 || frustrationThreshold > 1) {
            throw new IllegalArgumentException("the frustration threshold is a score in (0, 1]: " + frustrationThreshold);
        }
        if (lowConfidenceLimit < 1 || notHelpfulLimit < 1) {
            throw new IllegalArgumentException("the limits count answers and start at 1");
        }
    }

    /**
     * @param analysis the detectors' reading of the message just received
     * @param botUnsure whether the answer the bot would give now is below its confidence threshold
     * @param history the conversation, including this message's analysis
     */
    public Optional<Decision> decide(Analysis analysis, boolean botUnsure, History history) {
        if (analysis.intent() != null && immediateIntents.contains(analysis.intent())) {
            Reason reason = Reason.of(analysis.intent());
            return Optional.of(new Decision(reason, priorityOf(reason), "intent:" + analysis.intent().code(),
                    analysis.evidence()));
        }
        if (analysis.frustration() >= frustrationThreshold) {
            return Optional.of(new Decision(Reason.FRUSTRATION, Priority.HIGH,
                    String.format("frustration %.2f >= %.2f", analysis.frustration(), frustrationThreshold),
                    analysis.evidence()));
        }
        if (botUnsure && analysis.asksAgain()) {
            List<String> evidence = new ArrayList<>(analysis.evidence());
            evidence.add("the bot has no better answer this time");
            return Optional.of(new Decision(Reason.LOW_CONFIDENCE, Priority.NORMAL,
                    "asks again what the bot could not answer", evidence));
        }
        int unsure = history.trailingUnsureReplies() + (botUnsure ? 1 : 0);
        if (botUnsure && unsure >= lowConfidenceLimit) {
            return Optional.of(new Decision(Reason.LOW_CONFIDENCE, Priority.NORMAL,
                    unsure + " answers in a row below the confidence threshold",
                    List.of("the bot was not sure of its last " + unsure + " answers")));
        }
        int unhelpful = history.trailingUnhelpfulAnswers();
        if (unhelpful >= notHelpfulLimit) {
            return Optional.of(new Decision(Reason.NOT_HELPFUL, Priority.NORMAL,
                    unhelpful + " answers in a row did not help",
                    List.of("said " + unhelpful + " answers in a row did not help")));
        }
        return Optional.empty();
    }

    /**
     * Whether the answer the bot would give is the article of its last answer again, to a customer who asks again:
     * no answer at all, for them.
     */
    public static boolean repeatsLastAnswer(Analysis analysis, String articleId, History history) {
        if (!analysis.asksAgain()) {
            return false;
        }
        List<Message> replies = history.sinceFreshStart().stream()
                .filter(m -> m.author().role() == Role.BOT && m.confidence() != null)
                .toList();
        if (replies.isEmpty()) {
            return false;
        }
        var last = replies.get(replies.size() - 1);
        return last.citations() != null && last.citations().stream().anyMatch(c -> c.articleId().equals(articleId));
    }

    /** A customer who presses the "Talk to a person" button gets one, whatever the rest says. */
    public Decision requested() {
        return new Decision(Reason.HUMAN_REQUESTED, Priority.NORMAL, "request_human",
                List.of("pressed \"Talk to a person\""));
    }

    static Priority priorityOf(Reason reason) {
        return switch (reason) {
            case CANCEL, REFUND, FRUSTRATION -> Priority.HIGH;
            default -> Priority.NORMAL;
        };
    }
}
