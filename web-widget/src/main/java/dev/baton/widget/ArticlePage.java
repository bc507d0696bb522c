package dev.baton.widget;

import dev.baton.kb.Article;
import dev.baton.kb.KnowledgeBase;
import dev.baton.kb.MarkdownHtml;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/**
 * {@code GET /kb/{id}}: an article as a web page, the link behind every bot answer, rendered safely by
 * {@link MarkdownHtml}. The page runs no script at all (its policy allows none) and takes its styles from
 * {@code /kb.css}; the sites that may embed the messenger may also show it in a frame (a help panel of their own),
 * nobody else: it has nothing to click, so framing it can't trick anyone into an action.
 */
public final class ArticlePage {
    private final KnowledgeBase knowledgeBase;
    private final MarkdownHtml html = new MarkdownHtml();
    private final String policy;

    public ArticlePage(KnowledgeBase knowledgeBase, OriginPolicy origins) {
        this.knowledgeBase = knowledgeBase;
        this.policy = "default-src 'none'; style-src 'self'; img-src https: data:; base-uri 'none'; "
                + "form-action 'none'; frame-ancestors " + origins.frameAncestors();
    }

    public void render(Context ctx) {
        ctx.header("Content-Security-Policy", policy);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "strict-origin-when-cross-origin");
        Article article = knowledgeBase.find(ctx.pathParam("id")).orElse(null);
        if (article == null) {
            ctx.status(HttpStatus.NOT_FOUND).html(page("en", html.heading("Article not found"),
                    "<p>This article does not exist or was removed.</p>"));
            return;
        }
        ctx.html(page(article.language(), html.heading(article.title()), html.render(article.body())));
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
                </head>
                <body>
                <main>
                %s
                %s
                </main>
                </body>
                </html>
                """.formatted(lang, headingHtml, bodyHtml);
    }
}
