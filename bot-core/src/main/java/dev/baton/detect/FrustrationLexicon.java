package dev.baton.detect;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The words and phrases of an annoyed customer (profanity, annoyance, "that didn't help", sarcasm), in English and
 * Japanese, shipped with Baton; English phrases match as whole words, Japanese ones anywhere.
 */
final class FrustrationLexicon {
    private static final String RESOURCE = "/dev/baton/detect/frustration-lexicon.json";

    /** A phrase found in a message, and its kind. */
    record Found(String kind, String phrase) {}

    private final Map<String, Pattern> patterns;

    private FrustrationLexicon(Map<String, Pattern> patterns) {
        this.patterns = patterns;
    }

    static FrustrationLexicon load() {
        try (InputStream in = FrustrationLexicon.class.getResourceAsStream(RESOURCE)) {
            Map<String, List<String>> lists = new ObjectMapper().readValue(in,
                    new TypeReference<Map<String, List<String>>>() {});
            Map<String, Pattern> patterns = lists.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                    entry -> Pattern.compile(entry.getValue().stream()
                            .map(phrase -> phrase.chars().anyMatch(c -> c > 0x2E80)
                                    ? Pattern.quote(phrase)
                                    : "(?<![\\p{L}\\p{N}])" + Pattern.quote(phrase) + "(?![\\p{L}\\p{N}])")
                            .collect(Collectors.joining("|")), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)));
            return new FrustrationLexicon(patterns);
        } catch (IOException e) {
            throw new UncheckedIOException("the frustration lexicon is missing from the classpath", e);
        }
    }

    List<Found> find(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<Found> found = new ArrayList<>();
        patterns.forEach((kind, pattern) -> {
            Matcher matcher = pattern.matcher(lower);
            while (matcher.find()) {
                found.add(new Found(kind, matcher.group()));
            }
        });
        return found;
    }
}
