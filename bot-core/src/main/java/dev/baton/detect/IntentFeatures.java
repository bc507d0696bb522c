package dev.baton.detect;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.baton.conversation.CustomerText;
import dev.baton.kb.Language;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ja.JapaneseTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The word features of a customer message, each with the customer's own words it came from (so a verdict can
 * quote them): English words and word pairs (read through one-letter typos of the rules' keywords), Japanese
 * kuromoji tokens and token pairs with nothing dropped (たい, ください and か are what tell a request from a
 * question), and which of {@link IntentRules} matched. Thread-safe.
 */
final class IntentFeatures {
    /** A message's first words are what it is about; a pasted log adds nothing but time. */
    static final int MAX_TOKENS = 120;
    private static final Pattern WORD = Pattern.compile("\\p{L}+");

    /** Every kuromoji token, punctuation aside: JapaneseAnalyzer's stop tags would drop the auxiliaries. */
    private final Analyzer japanese = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String field) {
            return new TokenStreamComponents(new JapaneseTokenizer(null, true, JapaneseTokenizer.Mode.NORMAL));
        }
    };

    /** Feature name -> the words of the message it stands for, in the order they appear. */
    Map<String, String> of(String message, String language) {
        String text = CustomerText.bounded(message);
        Map<String, String> features = new LinkedHashMap<>();
        if (Language.JAPANESE.equals(language)) {
            List<String> tokens = japaneseTokens(text);
            for (int i = 0; i < tokens.size(); i++) {
                features.putIfAbsent("j:" + tokens.get(i), tokens.get(i));
                if (i > 0) {
                    features.putIfAbsent("jb:" + tokens.get(i - 1) + " " + tokens.get(i),
                            tokens.get(i - 1) + tokens.get(i));
                }
            }
            for (IntentRules.Hit hit : IntentRules.japanese(text)) {
                features.putIfAbsent("r:" + hit.label(), hit.phrase());
            }
        } else {
            String lower = text.toLowerCase(Locale.ROOT);
            List<String> said = words(lower);
            List<String> read = words(IntentRules.correctTypos(lower));
            int count = Math.min(said.size(), read.size());
            for (int i = 0; i < count; i++) {
                features.putIfAbsent("w:" + read.get(i), said.get(i));
                if (i > 0) {
                    features.putIfAbsent("b:" + read.get(i - 1) + " " + read.get(i),
                            said.get(i - 1) + " " + said.get(i));
                }
            }
            for (IntentRules.Hit hit : IntentRules.english(text)) {
                features.putIfAbsent("r:" + hit.label(), hit.phrase());
            }
        }
        return features;
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher word = WORD.matcher(text);
        while (words.size() < MAX_TOKENS && word.find()) {
            words.add(word.group());
        }
        return words;
    }

    private List<String> japaneseTokens(String text) {
        List<String> tokens = new ArrayList<>();
        try (TokenStream stream = japanese.tokenStream("", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (tokens.size() < MAX_TOKENS && stream.incrementToken()) {
                tokens.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("reading from a string can't fail", e);
        }
        return tokens;
    }
}
