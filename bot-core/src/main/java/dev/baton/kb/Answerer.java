package dev.baton.kb;

import java.util.Optional;

/** Answers a question with the best article's most relevant passage, or with nothing when no article fits. */
public final class Answerer {
    private final KnowledgeBase knowledgeBase;
    private final PassageFinder passages;

    public Answerer(KnowledgeBase knowledgeBase, PassageFinder passages) {
        this.knowledgeBase = knowledgeBase;
        this.passages = passages;
    }

    public Optional<Answer> answer(String question) {
        return knowledgeBase.search(question, 1).stream()
                .findFirst()
                .flatMap(match -> knowledgeBase.find(match.articleId()))
                .map(article -> new Answer(article, passages.find(article, question)));
    }
}
