package dev.baton.conversation;

import dev.baton.detect.Analysis;
import dev.baton.event.FeedbackGiven;
import dev.baton.event.LoggedEvent;
import dev.baton.event.MessageAnalyzed;
import dev.baton.event.MessageCreated;
import dev.baton.event.Reopened;
import dev.baton.event.ReturnedToBot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A conversation's log read the way the bot and the handoff need it: every message for the transcript, and for
 * the bot's decisions only what happened since the last fresh start (a reopened conversation does not trigger on
 * what led to its last handoff).
 */
public final class History {
    private final List<Message> messages = new ArrayList<>();
    private final Map<String, Analysis> analyses = new HashMap<>();
    private final Map<String, Boolean> feedback = new HashMap<>();
    private int freshStart;

    private History() {}

    /** The same history with one more analysis, for deciding on a message before its analysis is stored. */
    public History with(String seq, Analysis analysis) {
        History copy = new History();
        copy.messages.addAll(messages);
        copy.analyses.putAll(analyses);
        copy.feedback.putAll(feedback);
        copy.freshStart = freshStart;
        copy.analyses.put(seq, analysis);
        return copy;
    }

    /** Every analysis of a customer message since the conversation began, in message order. */
    public List<Map.Entry<Message, Analysis>> analyses() {
        return messages.stream().filter(m -> analyses.containsKey(m.seq()))
                .map(m -> Map.entry(m, analyses.get(m.seq()))).toList();
    }

    public static History of(List<LoggedEvent> events) {
        History history = new History();
        for (LoggedEvent logged : events) {
            if (logged.event() instanceof MessageCreated created) {
                history.messages.add(Message.of(logged, created));
            } else if (logged.event() instanceof MessageAnalyzed analyzed) {
                history.analyses.put(analyzed.messageSeq(), analyzed.analysis());
            } else if (logged.event() instanceof FeedbackGiven given) {
                history.feedback.put(given.messageSeq(), given.helpful());
            } else if (logged.event() instanceof Reopened || logged.event() instanceof ReturnedToBot) {
                history.freshStart = history.messages.size();
            }
        }
        return history;
    }

    /** Every customer-visible message, oldest first, since the conversation began. */
    public List<Message> transcript() {
        return List.copyOf(messages);
    }

    /** The customer's message that the message at {@code seq} answered: the last one before it. */
    public Optional<Message> questionBefore(String seq) {
        Message question = null;
        for (Message message : messages) {
            if (Seq.compare(message.seq(), seq) >= 0) {
                break;
            }
            if (message.author().role() == Role.CUSTOMER) {
                question = message;
            }
        }
        return Optional.ofNullable(question);
    }

    /** The messages since the last fresh start. */
    public List<Message> sinceFreshStart() {
        return List.copyOf(messages.subList(freshStart, messages.size()));
    }

    public List<Message> customerMessagesSinceFreshStart() {
        return sinceFreshStart().stream().filter(m -> m.author().role() == Role.CUSTOMER).toList();
    }

    public Analysis analysisOf(String seq) {
        return analyses.get(seq);
    }

    /** The customer's answer to "Did this help?" on a bot message; null when they gave none. */
    public Boolean feedbackOn(String seq) {
        return feedback.get(seq);
    }

    private List<Message> botMessagesSinceFreshStart() {
        return sinceFreshStart().stream().filter(m -> m.author().role() == Role.BOT).toList();
    }

    /**
     * How many of the bot's latest answers in a row were "not sure": replies to a question that cite no article.
     * Replies that answer nothing (an apology after "No") and offers of articles to choose from neither count nor
     * break the run.
     */
    public int trailingUnsureReplies() {
        int count = 0;
        List<Message> replies = botMessagesSinceFreshStart();
        for (int i = replies.size() - 1; i >= 0; i--) {
            Message reply = replies.get(i);
            if (reply.confidence() == null || reply.choices() != null) {
                continue;
            }
            if (reply.citations() != null) {
                break;
            }
            count++;
        }
        return count;
    }

    /**
     * How many of the bot's latest answers in a row the customer said did not help, by "Did this help? No" or
     * in words in the message that followed.
     */
    public int trailingUnhelpfulAnswers() {
        int count = 0;
        List<Message> replies = sinceFreshStart();
        for (int i = replies.size() - 1; i >= 0; i--) {
            Message message = replies.get(i);
            if (message.author().role() != Role.BOT || message.citations() == null) {
                continue;
            }
            if (!saidUnhelpful(message, replies.subList(i + 1, replies.size()))) {
                break;
            }
            count++;
        }
        return count;
    }

    /** Whether the customer said this answer did not help: "No" on it, or in words in their next message. */
    public boolean saidUnhelpful(Message answer) {
        int at = messages.indexOf(answer);
        return at >= 0 && saidUnhelpful(answer, messages.subList(at + 1, messages.size()));
    }

    private boolean saidUnhelpful(Message answer, List<Message> after) {
        if (Boolean.FALSE.equals(feedback.get(answer.seq()))) {
            return true;
        }
        return after.stream().filter(m -> m.author().role() == Role.CUSTOMER).findFirst()
                .map(next -> analyses.get(next.seq()))
                .map(Analysis::notHelpful)
                .orElse(false);
    }
}
