package dev.baton.kb;

import java.util.Optional;

/** Answers a question with the best article's most relevant passage, and says how sure it is. */
public final class Answerer {
    private final KnowledgeBase knowledgeBase;
    private final PassageFinder passages;
    private final AnswerPolicy policy;

    public Answerer(KnowledgeBase knowledgeBase, PassageFinder passages, AnswerPolicy policy) {
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
        String text = question.text();
        Optional<Match> best = knowledgeBase.search(question, 1).stream().findFirst();
        if (best.isEmpty()) {
            return Optional.empty();
        }
        Match match = best.get();
        return knowledgeBase.find(match.articleId()).map(article -> {
            boolean confident = match.confidence() >= policy.thresholdFor(question.language());
            String passage = passages.find(article, ArticleText.of(article), text,
                    knowledgeBase.unitSimilarities(article.id(), question));
            return new Answer(article, passage, match.confidence(), confident);
        });
    }
}
