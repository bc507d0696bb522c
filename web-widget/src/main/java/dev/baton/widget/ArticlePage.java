package dev.baton.widget;

import dev.baton.kb.Article;
import dev.baton.kb.KnowledgeBase;
import dev.baton.kb.MarkdownHtml;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/**
 * {@code GET /kb/{id}}: an article as a web page, the link behind every bot answer, rendered safely by
 * {@link MarkdownHtml}.
 */
public final class ArticlePage {
    private final KnowledgeBase knowledgeBase;
    private final MarkdownHtml html = new MarkdownHtml();

    public ArticlePage(KnowledgeBase knowledgeBase) {
        this.knowledgeBase = knowledgeBase;
    }

    public void render(Context ctx) {
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
                <style>
                  body { font: 16px/1.6 system-ui, -apple-system, "Segoe UI", "Hiragino Sans", sans-serif;
                         color: #1f2933; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
                  h1 { font-size: 1.8rem; line-height: 1.25; }
                  code { background: #f1f5f9; padding: 0 .25rem; border-radius: 4px; }
                  a { color: #2457d6; }
                </style>
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
