package dev.baton.kb;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Puts the knowledge base's own spelling on the mistyped words of an English question ("invetory" → "inventory"),
 * so that the embedding, BM25 and the share of unknown words all see the word the articles use. A word is only
 * changed when neither an article nor the embedding model's vocabulary has it, so another company's name or a real
 * word the articles happen not to use is left alone.
 */
final class Spelling {
    /** The tokenizer of the embedding model: its whole-word entries are the English words it knows. */
    private static final String VOCABULARY = "/bge-small-en-v1.5-q-tokenizer.json";
    /** Shorter words are too often slang or abbreviations ("pls", "ppl", "sku") to be mistypes of a longer one. */
    private static final int MIN_LENGTH = 5;
    private static final Pattern WORD = Pattern.compile("\\p{L}+");
    private static final Set<String> KNOWN_WORDS = knownWords();

    private final UnaryOperator<String> spellingInArticles;

    /** @param spellingInArticles the articles' closest word to a lower-case word, or null when there is none */
    Spelling(UnaryOperator<String> spellingInArticles) {
        this.spellingInArticles = spellingInArticles;
    }

    String correct(String text) {
        Matcher words = WORD.matcher(text);
        StringBuilder corrected = new StringBuilder(text.length());
        int end = 0;
        while (words.find()) {
            String word = words.group().toLowerCase(Locale.ROOT);
            String replacement = word.length() < MIN_LENGTH || KNOWN_WORDS.contains(word)
                    ? null : spellingInArticles.apply(word);
            corrected.append(text, end, words.start()).append(replacement == null ? words.group() : replacement);
            end = words.end();
        }
        return corrected.append(text, end, text.length()).toString();
    }

    private static Set<String> knownWords() {
        try (InputStream in = Spelling.class.getResourceAsStream(VOCABULARY)) {
            if (in == null) {
                throw new IllegalStateException(VOCABULARY + " (the embedding model's tokenizer) is missing");
            }
            Set<String> words = new HashSet<>();
            Iterator<String> entries = new ObjectMapper().readTree(in).path("model").path("vocab").fieldNames();
            entries.forEachRemaining(entry -> {
                if (WORD.matches(entry)) {
                    words.add(entry);
                }
            });
            return Set.copyOf(words);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
