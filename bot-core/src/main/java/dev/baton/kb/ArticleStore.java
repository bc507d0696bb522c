package dev.baton.kb;

import java.util.List;
import java.util.Optional;

/** Where articles are kept. */
public interface ArticleStore {

    List<Article> all();

    Optional<Article> find(String id);

    void save(Article article);

    /** @return whether there was such an article */
    boolean delete(String id);
}
