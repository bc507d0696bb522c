package dev.baton.widget;

import dev.baton.kb.Article;
import dev.baton.kb.KnowledgeBase;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.commonmark.node.Document;
import org.commonmark.node.Heading;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * {@code GET /kb/{id}}: an article as a web page, the link behind every bot answer. Markdown is rendered by
 * commonmark with raw HTML escaped and unsafe link schemes removed, so no script in an article ever runs.
 */
public final class ArticlePage {
    private final KnowledgeBase knowledgeBase;
    private final Parser markdown = Parser.builder().build();
    private final HtmlRenderer html = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

    public ArticlePage(KnowledgeBase knowledgeBase) {
        this.knowledgeBase = knowledgeBase;
    }

    public void render(Context ctx) {
        Article article = knowledgeBase.find(ctx.pathParam("id")).orElse(null);
        if (article == null) {
            ctx.status(HttpStatus.NOT_FOUND).html(page("en", heading("Article not found"),
                    "<p>This article does not exist or was removed.</p>"));
            return;
        }
        ctx.html(page(article.language(), heading(article.title()), html.render(markdown.parse(article.body()))));
    }

    /** The title as an escaped heading; building it as a Markdown node lets commonmark do the escaping. */
    private String heading(String title) {
        Document document = new Document();
        Heading heading = new Heading();
        heading.setLevel(1);
        heading.appendChild(new Text(title));
        document.appendChild(heading);
        return html.render(document);
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
