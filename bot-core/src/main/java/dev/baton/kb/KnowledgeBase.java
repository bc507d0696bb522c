package dev.baton.kb;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The articles the bot answers from. Redis holds them; this keeps them in memory with the search index, so a
 * question never waits for Redis, and every change through here is searchable at once.
 */
public final class KnowledgeBase {
    private final ArticleStore store;
    private final Retriever retriever;
    private final Map<String, Article> articles = new ConcurrentHashMap<>();

    public KnowledgeBase(ArticleStore store, Retriever retriever) {
        this.store = store;
        this.retriever = retriever;
    }

    /** Reads every article from the store and indexes them in one batch. */
    public void load() {
        List<Article> all = store.all();
        retriever.index(all);
        all.forEach(article -> articles.put(article.id(), article));
    }

    public void save(Article article) {
        saveAll(List.of(article));
    }

    /** Saves and indexes many articles; one batch embeds far faster than one article at a time. */
    public void saveAll(List<Article> batch) {
        batch.forEach(store::save);
        // Index first: until then questions see the old article and its old vectors together.
        retriever.index(batch);
        batch.forEach(article -> articles.put(article.id(), article));
    }

    public boolean delete(String id) {
        boolean existed = store.delete(id);
        articles.remove(id);
        retriever.remove(id);
        return existed;
    }

    /** Reads one article again from the store, after a change on any node: indexed when there, dropped when not. */
    public void reload(String id) {
        Optional<Article> stored = store.find(id);
        if (stored.isPresent()) {
            retriever.index(List.of(stored.get()));
            articles.put(id, stored.get());
        } else {
            articles.remove(id);
            retriever.remove(id);
        }
    }

    public Optional<Article> find(String id) {
        return Optional.ofNullable(articles.get(id));
    }

    public List<Article> all() {
        return articles.values().stream().sorted(Comparator.comparing(Article::id)).toList();
    }

    public int size() {
        return articles.size();
    }

    public Question prepare(String text) {
        return retriever.prepare(text);
    }

    /** The best matches whose articles are still here, best first. */
    public List<Match> search(Question question, int limit) {
        return retriever.search(question, limit).stream().filter(m -> articles.containsKey(m.articleId())).toList();
    }

    public double[] unitSimilarities(String articleId, Question question) {
        return retriever.unitSimilarities(articleId, question);
    }
}
