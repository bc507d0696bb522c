package dev.baton.kb;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The history of every article, including drafts and archived ones. */
public interface ArticleVersions {

    /** Stores the version as the article's next one and returns it with its number. */
    ArticleVersion append(ArticleVersion version);

    /** Oldest first. */
    List<ArticleVersion> all(String articleId);

    Optional<ArticleVersion> latest(String articleId);

    /** How many versions the article has (0 when none). */
    int count(String articleId);

    Optional<ArticleVersion> version(String articleId, int version);

    Set<String> articleIds();
}
