package dev.baton.kpi;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * How often customers opened each article in the messenger's help center, counted per UTC day. Shared by every node
 * (Redis); recording is one increment, so it may be called on the request thread.
 */
public interface ArticleOpens {

    /** One open of the article, at {@code at}. */
    void record(String articleId, String title, Instant at);

    /** Opens per article on the UTC days {@code from} to {@code to}, both included, most opened first. */
    List<Kpis.ArticleOpened> between(LocalDate from, LocalDate to);
}
