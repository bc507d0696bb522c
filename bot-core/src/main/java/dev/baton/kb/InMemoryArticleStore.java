package dev.baton.kb;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Articles kept only in memory, for tools that answer from a knowledge base nobody stores (the eval command). */
public final class InMemoryArticleStore implements ArticleStore {
    private final Map<String, Article> articles = new ConcurrentHashMap<>();

    @Override
    public List<Article> all() {
        return articles.values().stream().sorted(Comparator.comparing(Article::id)).toList();
    }

    @Override
    public Optional<Article> find(String id) {
        return Optional.ofNullable(articles.get(id));
    }

    @Override
    public void save(Article article) {
        articles.put(article.id(), article);
    }

    @Override
    public boolean delete(String id) {
        return articles.remove(id) != null;
    }

}
