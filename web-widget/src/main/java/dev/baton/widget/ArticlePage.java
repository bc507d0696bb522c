package dev.baton.widget;

import dev.baton.kb.Article;
import dev.baton.kb.KnowledgeBase;
import dev.baton.kb.MarkdownHtml;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;

/**
 * {@code GET /kb/{id}}: an article as a web page, the link behind every bot answer, rendered safely by
 * {@link MarkdownHtml}; {@code GET /kb}: the help center's list of published articles, which every article page
 * leads back to. The page runs no script at all (its policy allows none) and takes its styles from
 * {@code /kb.css}; the sites that may embed the messenger may also show it in a frame (a help panel of their own),
 * nobody else: it has nothing to click, so framing it can't trick anyone into an action.
 */
public final class ArticlePage {
    private final KnowledgeBase knowledgeBase;
    private final MarkdownHtml html = new MarkdownHtml();
    private final String policy;

    public ArticlePage(KnowledgeBase knowledgeBase, OriginPolicy origins) {
        this.knowledgeBase = knowledgeBase;
        this.policy = "default-src 'none'; style-src 'self'; img-src 'self' https: data:; base-uri 'none'; "
                + "form-action 'none'; frame-ancestors " + origins.frameAncestors();
    }

    public void render(Context ctx) {
        secure(ctx);
        Article article = knowledgeBase.find(ctx.pathParam("id")).orElse(null);
        if (article == null) {
            ctx.status(HttpStatus.NOT_FOUND).html(page("en", html.heading("Article not found"),
                    "<p>This article does not exist or was removed.</p>"));
            return;
        }
        ctx.html(page(article.language(), html.heading(article.title()), html.render(article.body())));
    }

    /** The published articles by title, English and Japanese apart, each a link to its page. */
    public void index(Context ctx) {
        secure(ctx);
        List<Article> articles = knowledgeBase.all().stream()
                .sorted(Comparator.comparing(Article::language).thenComparing(Article::title)).toList();
        StringBuilder list = new StringBuilder();
        String language = null;
        for (Article article : articles) {
            if (!article.language().equals(language)) {
                list.append(language == null ? "" : "</ul>\n").append("<h2>")
                        .append("ja".equals(article.language()) ? "日本語" : "English").append("</h2>\n<ul class=\"articles\">\n");
                language = article.language();
            }
            list.append("<li><a href=\"/kb/").append(URLEncoder.encode(article.id(), StandardCharsets.UTF_8))
                    .append("\">").append(html.escape(article.title())).append("</a></li>\n");
        }
        list.append(language == null ? "<p>No articles yet.</p>" : "</ul>");
        ctx.html(page("en", html.heading("Help center"), list.toString()));
    }

    private void secure(Context ctx) {
        ctx.header("Content-Security-Policy", policy);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "strict-origin-when-cross-origin");
    }

    private static String page(String language, String headingHtml, String bodyHtml) {
        String lang = "ja".equals(language) ? "ja" : "en";
        return """
                <!doctype html>
                <html lang="%s">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Help center</title>
                <link rel="stylesheet" href="/kb.css">
                <link rel="icon" href="/favicon.ico">
                </head>
                <body>
                <header class="site"><a class="brand" href="/kb">%s</a></header>
                <main>
                %s
                %s
                </main>
                <footer class="site"><a href="/kb">%s</a></footer>
                </body>
                </html>
                """.formatted(lang, "ja".equals(lang) ? "ヘルプセンター" : "Help center", headingHtml, bodyHtml,
                "ja".equals(lang) ? "← ヘルプセンターのすべての記事" : "← All help center articles");
    }
}
