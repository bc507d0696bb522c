package dev.baton.kb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The Lucene analysers per language (English with stemming and stop words, Japanese through kuromoji with the
 * support vocabulary of {@link JapaneseSupportAnalyzer}) and the one
 * way Baton turns text into search terms. Analysers are thread-safe and loading kuromoji's dictionary is slow, so
 * one instance serves the whole process.
 */
public final class TextAnalysis implements AutoCloseable {
    /** Enough for any real question; a pasted essay must not become a query with thousands of clauses. */
    static final int MAX_QUERY_TERMS = 64;

    private final Analyzer english = new EnglishAnalyzer();
    private final Analyzer japanese = new JapaneseSupportAnalyzer();

    public Analyzer analyzer(String language) {
        return Language.JAPANESE.equals(language) ? japanese : english;
    }

    /** The distinct terms of a question in order of first appearance, at most {@link #MAX_QUERY_TERMS}. */
    public Set<String> terms(String text, String language) {
        return terms(text, language, MAX_QUERY_TERMS);
    }

    /** The distinct terms of {@code text} in order of first appearance, at most {@code max}. */
    public Set<String> terms(String text, String language, int max) {
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream stream = analyzer(language).tokenStream("", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (terms.size() < max && stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("reading from a string can't fail", e);
        }
        return terms;
    }

    @Override
    public void close() {
        english.close();
        japanese.close();
    }
}
