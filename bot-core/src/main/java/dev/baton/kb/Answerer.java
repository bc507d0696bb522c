package dev.baton.kb;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Answers a question with the best article's most relevant passage, offers two or three articles when it is less
 * sure, and says how sure it is.
 */
public final class Answerer {
    /** Choices offered at most: more is a search result page, not a question back. */
    static final int MAX_CHOICES = 3;
    /** A third choice must be at least this share as likely as the best one, or it is noise (two are always shown). */
    static final double CHOICE_SHARE = 0.1;
    private static final int CANDIDATES = 8;
    /**
     * How much surer an article in another language must be to come before one in the customer's language. Chosen
     * on Bookwell and the demo knowledge base (docs/quality.md): the most answered at no wrong or off-topic answer
     * there; from 4 up an off-topic question slipped through on Bookwell.
     */
    static final double OWN_LANGUAGE_PREFERENCE = 2.5;

    private final KnowledgeBase knowledgeBase;
    private final PassageFinder passages;
    private final PolicySource policy;

    /** Where the thresholds come from: fixed, or the knowledge base's calibration as it is now. */
    @FunctionalInterface
    public interface PolicySource {
        AnswerPolicy current();
    }

    public Answerer(KnowledgeBase knowledgeBase, PassageFinder passages, AnswerPolicy policy) {
        this(knowledgeBase, passages, () -> policy);
    }

    public Answerer(KnowledgeBase knowledgeBase, PassageFinder passages, PolicySource policy) {
        this.knowledgeBase = knowledgeBase;
        this.passages = passages;
        this.policy = policy;
    }

    /** The best answer, confident or not; empty when no article in the question's language matches at all. */
    public Optional<Answer> answer(String text) {
        return answer(prepare(text));
    }

    /** Prepares a question once (its language and embedding), for {@link #answer(Question)} and the detectors. */
    public Question prepare(String text) {
        return knowledgeBase.prepare(text);
    }

    public Optional<Answer> answer(Question question) {
        AnswerPolicy thresholds = policy.current();
        List<Match> matches = ranked(question, thresholds);
        if (matches.isEmpty()) {
            return Optional.empty();
        }
        Match best = matches.get(0);
        Optional<Article> article = knowledgeBase.find(best.articleId());
        if (article.isEmpty()) {
            return Optional.empty();
        }
        boolean confident = best.confidence() >= thresholds.thresholdFor(best);
        List<Article> choices = confident || best.confidence() < thresholds.offerThresholdFor(best)
                ? List.of() : choices(matches, thresholds);
        return Optional.of(new Answer(article.get(), passageOf(article.get(), question), best.confidence(),
                confident, choices));
    }

    /** An article of the knowledge base, as it is now (for a customer's pick). */
    public Optional<Article> article(String id) {
        return knowledgeBase.find(id);
    }

    /** The best matches, best first, as {@link #answer(Question)} weighs them with the current thresholds. */
    public List<Match> ranked(Question question) {
        return ranked(question, policy.current());
    }

    private List<Match> ranked(Question question, AnswerPolicy thresholds) {
        List<Match> matches = new ArrayList<>(knowledgeBase.search(question, CANDIDATES));
        matches.sort(Comparator.comparingDouble((Match m) -> weight(m, thresholds)).reversed());
        return matches;
    }

    /**
     * What orders the matches of one question. Probabilities and shares of words are on different scales, so each
     * counts against its own threshold; and a match by words is an article in the customer's own language, which
     * is what they should be answered with unless one read through the glossary is much surer.
     */
    private static double weight(Match match, AnswerPolicy thresholds) {
        return match.confidence() / thresholds.thresholdFor(match) * (match.byWords() ? OWN_LANGUAGE_PREFERENCE : 1);
    }

    /** The passage of {@code article} that answers the question best (also for an article the customer picked). */
    public String passageOf(Article article, Question question) {
        Question english = article.language().equals(question.language()) || question.english() == null
                ? question : question.english();
        return passages.find(article, ArticleText.of(article), english.text(),
                knowledgeBase.unitSimilarities(article.id(), question));
    }

    private List<Article> choices(List<Match> ranked, AnswerPolicy thresholds) {
        double best = weight(ranked.get(0), thresholds);
        List<Article> choices = new ArrayList<>();
        for (Match match : ranked) {
            if (choices.size() == MAX_CHOICES || choices.size() >= 2
                    && weight(match, thresholds) < CHOICE_SHARE * best) {
                break;
            }
            knowledgeBase.find(match.articleId()).filter(a -> !choices.contains(a)).ifPresent(choices::add);
        }
        return choices;
    }
}
