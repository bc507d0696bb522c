package dev.baton.kb;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.commonmark.node.BulletList;
import org.commonmark.node.Heading;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.text.TextContentRenderer;

/**
 * Picks the part of an article that answers a question: a few whole sentences of one paragraph, or a whole list
 * (steps, options) with the sentence that introduces it. Never the whole article, never a sentence cut in half,
 * never words that are not in the article.
 */
public final class PassageFinder {
    /** A passage grows to about this many characters when its paragraph has more to give. */
    static final int TARGET_CHARS = 180;
    static final int MAX_CHARS = 450;
    static final int MAX_LIST_CHARS = 700;

    private final Parser markdown = Parser.builder().build();
    private final TextContentRenderer plainText = TextContentRenderer.builder().build();
    private final TextAnalysis analysis;

    public PassageFinder(TextAnalysis analysis) {
        this.analysis = analysis;
    }

    /** A paragraph split into sentences, or a list split into items with the paragraph that introduces it. */
    private record Block(boolean isList, String intro, List<String> units) {}

    private record Unit(int block, int index, Set<String> terms) {}

    public String find(Article article, String question) {
        List<Block> blocks = blocks(article);
        if (blocks.isEmpty()) {
            return article.title();
        }
        List<Unit> units = new ArrayList<>();
        Map<String, Integer> documentFrequency = new HashMap<>();
        for (int b = 0; b < blocks.size(); b++) {
            List<String> texts = blocks.get(b).units();
            for (int i = 0; i < texts.size(); i++) {
                Set<String> terms = analysis.terms(texts.get(i), article.language());
                terms.forEach(term -> documentFrequency.merge(term, 1, Integer::sum));
                units.add(new Unit(b, i, terms));
            }
        }
        Set<String> asked = analysis.terms(question, article.language());
        Unit best = null;
        double bestScore = 0;
        for (Unit unit : units) {
            double score = 0;
            for (String term : asked) {
                if (unit.terms().contains(term)) {
                    score += Math.log(1 + (double) units.size() / documentFrequency.get(term));
                }
            }
            if (score > bestScore) {
                best = unit;
                bestScore = score;
            }
        }
        if (best == null) {
            return lead(blocks);
        }
        Block block = blocks.get(best.block());
        return block.isList() ? listPassage(block, best.index()) : sentencesAround(block.units(), best.index());
    }

    /** When nothing in the body matches (the article was found by its title or examples), its opening. */
    private static String lead(List<Block> blocks) {
        Block first = blocks.stream().filter(b -> !b.isList()).findFirst().orElse(blocks.get(0));
        return first.isList() ? listPassage(first, 0) : sentencesAround(first.units(), 0);
    }

    private static String sentencesAround(List<String> sentences, int best) {
        int from = best;
        int to = best + 1;
        while (to < sentences.size() && length(sentences, from, to) < TARGET_CHARS
                && length(sentences, from, to + 1) <= MAX_CHARS) {
            to++;
        }
        while (from > 0 && length(sentences, from, to) < TARGET_CHARS
                && length(sentences, from - 1, to) <= MAX_CHARS) {
            from--;
        }
        return String.join(" ", sentences.subList(from, to)).trim();
    }

    private static int length(List<String> sentences, int from, int to) {
        return sentences.subList(from, to).stream().mapToInt(s -> s.length() + 1).sum();
    }

    private static String listPassage(Block list, int best) {
        List<String> items = list.units();
        int from = 0;
        if (length(items, 0, best + 1) > MAX_LIST_CHARS) {
            from = best;
        }
        int to = from + 1;
        while (to < items.size() && length(items, from, to + 1) <= MAX_LIST_CHARS) {
            to++;
        }
        String body = String.join("\n", items.subList(from, to));
        return list.intro() == null || from > 0 ? body : list.intro() + "\n" + body;
    }

    private List<Block> blocks(Article article) {
        Locale locale = Locale.forLanguageTag(article.language());
        List<Block> blocks = new ArrayList<>();
        String pendingIntro = null;
        for (Node node = markdown.parse(article.body()).getFirstChild(); node != null; node = node.getNext()) {
            if (node instanceof ListBlock list) {
                blocks.add(new Block(true, pendingIntro, items(list)));
                pendingIntro = null;
            } else if (node instanceof Paragraph) {
                String text = flatten(plainText.render(node));
                blocks.add(new Block(false, null, sentences(text, locale)));
                pendingIntro = text.endsWith(":") || text.endsWith("：") ? text : null;
            } else if (!(node instanceof Heading)) {
                pendingIntro = null;
            }
        }
        return blocks;
    }

    private List<String> items(ListBlock list) {
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
    private String textOfChildren(Node parent) {
        StringBuilder text = new StringBuilder();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNext()) {
            text.append(plainText.render(child)).append(' ');
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
