package dev.baton.kb;

/** Where a customer can read an article in full; the server decides the address. */
@FunctionalInterface
public interface ArticleLinks {

    String url(String articleId);
}
