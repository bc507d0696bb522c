package dev.baton.kb;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Japanese support words and their English ({@code ja-en-glossary.txt}, shipped), so a Japanese question can reach an
 * article written only in English. Not a translation: the English words of the question, in its order, plus any
 * Latin-script words it already has (product names, CSV). Immutable and thread-safe.
 */
final class Glossary {
    private static final String RESOURCE = "/dev/baton/kb/ja-en-glossary.txt";
    private static final Pattern LATIN_WORD = Pattern.compile("[A-Za-z][A-Za-z0-9.-]*");

    /** Longest Japanese entry first, so 払い戻し is read before a shorter entry inside it. */
    private final List<Map.Entry<String, String>> entries;

    private Glossary(List<Map.Entry<String, String>> entries) {
        this.entries = entries;
    }

    static Glossary load() {
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        try (InputStream in = Glossary.class.getResourceAsStream(RESOURCE);
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                int equals = line.indexOf('=');
                if (!line.startsWith("#") && equals > 0) {
                    entries.add(Map.entry(line.substring(0, equals).trim(), line.substring(equals + 1).trim()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        entries.sort(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getKey().length()).reversed());
        return new Glossary(List.copyOf(entries));
    }

    /** The question's words in English, or "" when it has none the glossary knows. */
    String english(String text) {
        StringBuilder rest = new StringBuilder(text);
        TreeMap<Integer, String> byPosition = new TreeMap<>();
        for (Map.Entry<String, String> entry : entries) {
            int at = rest.indexOf(entry.getKey());
            if (at >= 0) {
                byPosition.put(at, entry.getValue());
                // Blanked out, so a shorter entry inside a longer one is not read twice.
                rest.replace(at, at + entry.getKey().length(), " ".repeat(entry.getKey().length()));
            }
        }
        Matcher latin = LATIN_WORD.matcher(text);
        while (latin.find()) {
            byPosition.putIfAbsent(latin.start(), latin.group());
        }
        return String.join(" ", new LinkedHashSet<>(byPosition.values()));
    }
}
