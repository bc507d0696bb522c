package dev.baton.bot;

import dev.baton.conversation.History;
import dev.baton.conversation.Message;
import dev.baton.kb.Answer;
import dev.baton.kb.Answerer;
import dev.baton.kb.Question;
import java.util.List;
import java.util.Optional;

/**
 * Reads a short message that the knowledge base can't place alone ("and on the annual plan?", "what about
 * android") together with the customer's previous question, and keeps that reading when it is surer.
 */
final class FollowUps {
    /** Longer messages say what they are about; only short ones lean on what came before. */
    static final int MAX_WORDS = 12;

    private final Answerer answerer;

    FollowUps(Answerer answerer) {
        this.answerer = answerer;
    }

    /**
     * @param seq the message being answered
     */
    Optional<Answer> answer(Question question, History history, String seq) {
        Optional<Answer> alone = answerer.answer(question);
        if (alone.isPresent() && alone.get().confident() || words(question.text()) > MAX_WORDS) {
            return alone;
        }
        Optional<Message> previous = previousQuestion(history, seq);
        if (previous.isEmpty()) {
            return alone;
        }
        Optional<Answer> together = answerer.answer(answerer.prepare(previous.get().text() + " " + question.text()));
        if (rank(together) <= rank(alone)) {
            return alone;
        }
        // The article comes from both messages; the passage from the new one ("what about android": Android's part).
        Answer found = together.get();
        return Optional.of(new Answer(found.article(), answerer.passageOf(found.article(), question),
                found.confidence(), found.confident(), found.choices()));
    }

    private static Optional<Message> previousQuestion(History history, String seq) {
        List<Message> customer = history.customerMessagesSinceFreshStart().stream()
                .filter(m -> !m.seq().equals(seq)).toList();
        return customer.isEmpty() ? Optional.empty() : Optional.of(customer.get(customer.size() - 1));
    }

    /** Answered beats offered beats not sure. */
    private static int rank(Optional<Answer> answer) {
        return answer.map(a -> a.confident() ? 2 : a.offersChoices() ? 1 : 0).orElse(0);
    }

    /** Words, or for text written without spaces (Japanese) about one per six characters. */
    private static int words(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? 0 : Math.max(stripped.split("\\s+").length, stripped.length() / 6);
    }
}
