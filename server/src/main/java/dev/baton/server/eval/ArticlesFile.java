package dev.baton.server.eval;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.baton.kb.Article;
import dev.baton.store.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads a knowledge base written as a JSON array of articles, the format the demo content ships in. */
final class ArticlesFile {
    private ArticlesFile() {}

    static List<Article> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("No such file: " + file);
        }
        try {
            return Json.newMapper().readValue(file.toFile(), new TypeReference<List<Article>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the articles in " + file + ": " + e.getMessage(), e);
        }
    }
}
