package dev.baton.kb;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.commonmark.node.BulletList;
import org.commonmark.node.Heading;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.text.TextContentRenderer;

/**
 * An article's body as the bot reads it, without Markdown: paragraphs split into sentences, lists into items. The
 * units (sentences and items) are what retrieval embeds and what answers are built from.
 */
public final class ArticleText {
    // Both are immutable and thread-safe.
    private static final Parser MARKDOWN = Parser.builder().build();
    private static final TextContentRenderer PLAIN_TEXT = TextContentRenderer.builder().build();

    /**
     * A paragraph split into sentences, or a list split into items with the paragraph that introduces it; {@code
     * section} is the heading above it (a Markdown heading or a paragraph that is all bold), or null.
     */
    public record Block(boolean isList, String intro, List<String> units, String section) {}

    private final List<Block> blocks;

    private ArticleText(List<Block> blocks) {
        this.blocks = List.copyOf(blocks);
    }

    public static ArticleText of(Article article) {
        Locale locale = Locale.forLanguageTag(article.language());
        List<Block> blocks = new ArrayList<>();
        String pendingIntro = null;
        String section = null;
        for (Node node = MARKDOWN.parse(article.body()).getFirstChild(); node != null; node = node.getNext()) {
            if (node instanceof ListBlock list) {
                blocks.add(new Block(true, pendingIntro, items(list), section));
                pendingIntro = null;
            } else if (node instanceof Heading || isAllBold(node)) {
                section = flatten(PLAIN_TEXT.render(node));
                pendingIntro = null;
            } else if (node instanceof Paragraph) {
                String text = flatten(PLAIN_TEXT.render(node));
                blocks.add(new Block(false, null, sentences(text, locale), section));
                pendingIntro = text.endsWith(":") || text.endsWith("：") ? text : null;
            } else {
                pendingIntro = null;
            }
        }
        return new ArticleText(blocks);
    }

    public List<Block> blocks() {
        return blocks;
    }

    /** Every sentence and list item, in reading order. */
    public List<String> units() {
        return blocks.stream().flatMap(block -> block.units().stream()).toList();
    }

    /**
     * Every unit with what it is about, for retrieval to embed: the article's title, the section heading, and for
     * a list item the sentence that introduces the list. A step like "Click Confirm." means little alone.
     */
    public List<String> passages(String title) {
        List<String> passages = new ArrayList<>();
        for (Block block : blocks) {
            String context = title + (block.section() == null ? "" : " — " + block.section())
                    + (block.intro() == null ? "" : " — " + block.intro());
            block.units().forEach(unit -> passages.add(context + ": " + unit));
        }
        return passages;
    }

    /** A paragraph of only bold text ("**To change plans**") is a heading in many help centers. */
    private static boolean isAllBold(Node node) {
        if (!(node instanceof Paragraph)) {
            return false;
        }
        Node only = node.getFirstChild();
        return only instanceof StrongEmphasis && only.getNext() == null;
    }

    private static List<String> items(ListBlock list) {
        List<String> items = new ArrayList<>();
        int number = list instanceof OrderedList ordered && ordered.getMarkerStartNumber() != null
                ? ordered.getMarkerStartNumber() : 1;
        for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
            if (item instanceof ListItem) {
                String marker = list instanceof BulletList ? "• " : (number++) + ". ";
                items.add(marker + flatten(textOfChildren(item)));
            }
        }
        return items;
    }

    /** The renderer needs a list around an item to render it, so an item is rendered child by child. */
    private static String textOfChildren(Node parent) {
        StringBuilder text = new StringBuilder();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNext()) {
            text.append(PLAIN_TEXT.render(child)).append(' ');
        }
        return text.toString();
    }

    private static List<String> sentences(String text, Locale locale) {
        BreakIterator boundaries = BreakIterator.getSentenceInstance(locale);
        boundaries.setText(text);
        List<String> sentences = new ArrayList<>();
        for (int start = boundaries.first(), end = boundaries.next(); end != BreakIterator.DONE;
                start = end, end = boundaries.next()) {
            String sentence = text.substring(start, end).trim();
            if (!sentence.isEmpty()) {
                sentences.add(sentence);
            }
        }
        return sentences;
    }

    private static String flatten(String text) {
        return text.replaceAll("\\s+", " ").trim();
    }
}
