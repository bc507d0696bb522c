package dev.baton.server;

import dev.baton.kb.Answer;
import dev.baton.kb.Answerer;
import dev.baton.kb.Article;
import dev.baton.kb.DraftTrials;
import dev.baton.kb.KnowledgeBase;
import dev.baton.kb.Question;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Tries drafts on a copy of the knowledge base: the same models, thresholds and passages customers get. */
final class DraftLab implements DraftTrials {
    private static final int CANDIDATES = 5;

    private final Answering answering;
    private final Answerer.PolicySource policy;

    DraftLab(Answering answering, Answerer.PolicySource policy) {
        this.answering = answering;
        this.policy = policy;
    }

    @Override
    public Trial tryQuestion(String question, Article draft) {
        if (draft == null) {
            return trial(question, answering.answerer(policy), answering.knowledgeBase());
        }
        try (Answering.Sandbox sandbox = answering.sandbox(withDraft(draft), policy.current())) {
            return trial(question, sandbox.answerer(), sandbox.knowledgeBase());
        }
    }

    @Override
    public List<Change> impact(Article draft, List<String> questions) {
        Answerer live = answering.answerer(policy);
        List<Change> changes = new ArrayList<>();
        try (Answering.Sandbox sandbox = answering.sandbox(withDraft(draft), policy.current())) {
            for (String text : questions) {
                Question question = live.prepare(text);
                Candidate before = confident(live.answer(question));
                Candidate after = confident(sandbox.answerer().answer(question));
                if (!Objects.equals(id(before), id(after))) {
                    changes.add(new Change(text, before, after));
                }
            }
        }
        return changes;
    }

    private List<Article> withDraft(Article draft) {
        List<Article> articles = new ArrayList<>(answering.knowledgeBase().all());
        articles.removeIf(article -> article.id().equals(draft.id()));
        articles.add(draft);
        return articles;
    }

    private static Trial trial(String text, Answerer answerer, KnowledgeBase knowledgeBase) {
        Question question = answerer.prepare(text);
        Optional<Answer> answer = answerer.answer(question);
        List<Candidate> candidates = knowledgeBase.search(question, CANDIDATES).stream()
                .map(match -> new Candidate(match.articleId(), knowledgeBase.find(match.articleId())
                        .map(Article::title).orElse(match.articleId()), match.confidence()))
                .toList();
        return new Trial(text, answer.map(DraftLab::candidate).orElse(null), answer.map(Answer::passage).orElse(null),
                answer.map(Answer::confident).orElse(false), candidates);
    }

    private static Candidate confident(Optional<Answer> answer) {
        return answer.filter(Answer::confident).map(DraftLab::candidate).orElse(null);
    }

    private static Candidate candidate(Answer answer) {
        return new Candidate(answer.article().id(), answer.article().title(), answer.confidence());
    }

    private static String id(Candidate candidate) {
        return candidate == null ? null : candidate.articleId();
    }
}
