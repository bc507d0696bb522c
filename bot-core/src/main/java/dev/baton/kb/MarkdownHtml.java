package dev.baton.kb;

import org.commonmark.node.Document;
import org.commonmark.node.Heading;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * An article's Markdown as safe HTML, by commonmark: raw HTML in the text is escaped and link schemes other than
 * http(s), mailto and relative ones are dropped, so no script in an article ever runs, on the article page or in
 * the editor's preview.
 */
public final class MarkdownHtml {
    private final Parser parser = Parser.builder().build();
    private final HtmlRenderer renderer = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

    public String render(String markdown) {
        return renderer.render(parser.parse(markdown));
    }

    /** A title as an escaped heading; building it as a Markdown node lets commonmark do the escaping. */
    public String heading(String title) {
        Document document = new Document();
        Heading heading = new Heading();
        heading.setLevel(1);
        heading.appendChild(new Text(title));
        document.appendChild(heading);
        return renderer.render(document);
    }

    /** Plain text (a title in a list) escaped for HTML, by the same renderer. */
    public String escape(String plain) {
        Document document = new Document();
        document.appendChild(new Text(plain));
        return renderer.render(document);
    }
}
