package dev.baton.handoff;

import dev.baton.conversation.Customer;
import dev.baton.conversation.CustomerText;
import dev.baton.conversation.Citation;
import dev.baton.conversation.History;
import dev.baton.conversation.Message;
import dev.baton.conversation.Role;
import dev.baton.detect.Analysis;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds what an agent receives with a handoff from the conversation's own record: nothing in it is invented, the
 * summary quotes the customer and names the articles the bot used (or, with a language model, says the same in the
 * model's words, checked against the transcript by the {@link SummaryWriter}).
 */
public final class HandoffContextBuilder {
    private static final int QUOTE_LIMIT = 140;

    private final SummaryWriter summaries;

    /** A builder whose summaries are extractive. */
    public HandoffContextBuilder() {
        this(SummaryWriter.EXTRACTIVE);
    }

    public HandoffContextBuilder(SummaryWriter summaries) {
        this.summaries = summaries;
    }

    public HandoffContext build(Customer customer, History history, Decision decision, long now) {
        List<Message> transcript = history.transcript();
        Set<String> intents = new LinkedHashSet<>();
        List<HandoffContext.FrustrationPoint> frustration = new ArrayList<>();
        for (Map.Entry<Message, Analysis> entry : history.analyses()) {
            Analysis analysis = entry.getValue();
            if (analysis.intent() != null) {
                intents.add(analysis.intent().code());
            }
            frustration.add(new HandoffContext.FrustrationPoint(entry.getKey().seq(),
                    Math.round(analysis.frustration() * 1000) / 1000.0, analysis.evidence()));
        }
        List<HandoffContext.ArticleTried> tried = articlesTried(history);
        List<String> customerTexts = transcript.stream().filter(m -> m.author().role() == Role.CUSTOMER)
                .map(Message::text).toList();
        Message goal = carrierOf(decision.reason(), history);
        List<String> summary = summaries.summarize(customer, transcript, decision.reason())
                .orElseGet(() -> List.of(goal(goal, intents), whatWasTried(history, tried),
                        wantsNow(decision, goal, transcript)));
        return new HandoffContext(customer, transcript, decision.reason(), decision.trigger(), decision.evidence(),
                List.copyOf(intents), frustration, tried, DetailExtractor.extract(customerTexts), summary,
                decision.priority(), now);
    }

    private static List<HandoffContext.ArticleTried> articlesTried(History history) {
        List<HandoffContext.ArticleTried> tried = new ArrayList<>();
        for (Message message : history.transcript()) {
            if (message.author().role() != Role.BOT || message.citations() == null) {
                continue;
            }
            Boolean helpful = history.feedbackOn(message.seq());
            if (helpful == null && history.saidUnhelpful(message)) {
                helpful = false;
            }
            for (Citation citation : message.citations()) {
                tried.add(new HandoffContext.ArticleTried(citation.articleId(), citation.title(), citation.url(),
                        message.confidence() == null ? 0 : message.confidence(), helpful));
            }
        }
        return tried;
    }

    /**
     * The customer message that carried the reason: the latest one asking for it (a refund asked after two questions
     * about points is the goal, not the first question), the most frustrated one; when the bot could not answer, or
     * the button asked for a person, the question the customer came with. Null when the customer wrote nothing.
     */
    private static Message carrierOf(Reason reason, History history) {
        List<Message> asked = history.customerMessagesSinceFreshStart();
        if (asked.isEmpty()) {
            return null;
        }
        Message carrier = asked.get(0);
        double mostFrustrated = -1;
        for (Message message : asked) {
            Analysis analysis = history.analysisOf(message.seq());
            if (analysis == null) {
                continue;
            }
            if (reason == Reason.FRUSTRATION) {
                if (analysis.frustration() > mostFrustrated) {
                    mostFrustrated = analysis.frustration();
                    carrier = message;
                }
            } else if (analysis.intent() != null && Reason.of(analysis.intent()) == reason) {
                carrier = message;
            }
        }
        return carrier;
    }

    private static String goal(Message carrier, Set<String> intents) {
        String wants = intents.isEmpty() ? "Goal" : "Goal (" + String.join(", ", intents) + ")";
        return wants + ": " + (carrier == null ? "" : quote(carrier.text()));
    }

    private static String whatWasTried(History history, List<HandoffContext.ArticleTried> tried) {
        if (!tried.isEmpty()) {
            List<String> parts = new ArrayList<>();
            for (HandoffContext.ArticleTried article : tried) {
                String feedback = article.helpful() == null ? "" : article.helpful() ? " (helped)" : " (did not help)";
                parts.add("\"" + article.title() + "\"" + feedback);
            }
            return "Tried: the bot answered with " + String.join(", ", parts) + ".";
        }
        int unsure = history.trailingUnsureReplies();
        if (unsure > 0) {
            return "Tried: the bot found no confident answer (" + unsure + (unsure == 1 ? " reply" : " replies")
                    + ").";
        }
        return "Tried: nothing yet; handed over at once.";
    }

    /** What the customer wants now, and their last message unless the goal line quotes it already. */
    private static String wantsNow(Decision decision, Message goal, List<Message> transcript) {
        Message last = null;
        for (Message message : transcript) {
            if (message.author().role() == Role.CUSTOMER) {
                last = message;
            }
        }
        String quoted = last == null || last == goal ? "" : " Last message: " + quote(last.text());
        return "Now: " + describe(decision.reason()) + "." + quoted;
    }

    static String describe(Reason reason) {
        return switch (reason) {
            case CANCEL -> "wants to cancel";
            case REFUND -> "asks for a refund";
            case COMPLAINT -> "wants to complain";
            case HUMAN_REQUESTED -> "asked for a person";
            case FRUSTRATION -> "is frustrated";
            case LOW_CONFIDENCE -> "the bot could not answer";
            case NOT_HELPFUL -> "said the answers did not help";
        };
    }

    private static String quote(String text) {
        return "\"" + CustomerText.oneLine(text, QUOTE_LIMIT) + "\"";
    }
}
