package dev.baton.kb;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKWidthCharFilter;
import org.apache.lucene.analysis.core.FlattenGraphFilter;
import org.apache.lucene.analysis.ja.JapaneseAnalyzer;
import org.apache.lucene.analysis.ja.JapaneseBaseFormFilter;
import org.apache.lucene.analysis.ja.JapaneseKatakanaStemFilter;
import org.apache.lucene.analysis.ja.JapanesePartOfSpeechStopFilter;
import org.apache.lucene.analysis.ja.JapaneseTokenizer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;

/**
 * Kuromoji as Lucene's {@link JapaneseAnalyzer} reads Japanese (base forms, no particles, katakana without the long
 * vowel mark), plus the shipped support vocabulary ({@code ja-synonyms.txt}): every word of a group becomes the
 * group's first word, at index and question time, so 退会 in a question finds 解約 in an article and counts as the
 * same word for coverage.
 */
final class JapaneseSupportAnalyzer extends Analyzer {
    private static final String SYNONYMS = "/dev/baton/kb/ja-synonyms.txt";

    private final SynonymMap synonyms;

    JapaneseSupportAnalyzer() {
        this.synonyms = loadSynonyms();
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer tokenizer = new JapaneseTokenizer(null, true, true, JapaneseTokenizer.Mode.SEARCH);
        TokenStream stream = new JapaneseBaseFormFilter(tokenizer);
        stream = new JapanesePartOfSpeechStopFilter(stream, JapaneseAnalyzer.getDefaultStopTags());
        stream = new JapaneseKatakanaStemFilter(stream);
        stream = new LowerCaseFilter(stream);
        stream = new FlattenGraphFilter(new SynonymGraphFilter(stream, synonyms, true));
        stream = new StopFilter(stream, JapaneseAnalyzer.getDefaultStopSet());
        return new TokenStreamComponents(tokenizer, stream);
    }

    @Override
    protected Reader initReader(String fieldName, Reader reader) {
        return new CJKWidthCharFilter(reader);
    }

    /** Groups parsed with the same tokenizer and forms as the text, without synonyms (they are being built). */
    private static SynonymMap loadSynonyms() {
        Analyzer plain = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer tokenizer = new JapaneseTokenizer(null, true, true, JapaneseTokenizer.Mode.SEARCH);
                TokenStream stream = new LowerCaseFilter(new JapaneseKatakanaStemFilter(
                        new JapaneseBaseFormFilter(tokenizer)));
                return new TokenStreamComponents(tokenizer, stream);
            }

            @Override
            protected Reader initReader(String fieldName, Reader reader) {
                return new CJKWidthCharFilter(reader);
            }
        };
        try (plain; InputStream in = JapaneseSupportAnalyzer.class.getResourceAsStream(SYNONYMS)) {
            SolrSynonymParser parser = new SolrSynonymParser(true, false, plain);
            parser.parse(new InputStreamReader(in, StandardCharsets.UTF_8));
            return parser.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException e) {
            throw new IllegalStateException(SYNONYMS + " does not parse", e);
        }
    }
}
