package dev.baton.kb;

import java.util.List;
import java.util.Objects;

/**
 * A knowledge-base article: a Markdown body the bot quotes from, the language it is written in, and example
 * questions customers ask that it answers.
 */
public record Article(String id, String title, String body, List<String> tags, String language,
        List<String> examples) {

    public Article {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(body, "body");
        tags = tags == null ? List.of() : List.copyOf(tags);
        language = language == null ? Language.ENGLISH : language;
        examples = examples == null ? List.of() : List.copyOf(examples);
    }
}
