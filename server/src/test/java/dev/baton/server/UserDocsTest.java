package dev.baton.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What the README and docs/ tell a user to open lies inside a clone of the project, not beside it. */
class UserDocsTest {
    /** Surefire runs in the module's folder; the project's root is its parent. */
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    /** A path that climbs out ("../shared/x"), not an ellipsis in an API path ("GET .../versions"). */
    private static final Pattern PARENT_PATH = Pattern.compile("(?<![.\\w])\\.\\./");

    @Test
    void no_user_doc_points_outside_the_project() throws IOException {
        List<Path> docs = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
            files.filter(file -> file.toString().endsWith(".md")).forEach(docs::add);
        }
        List<String> outside = new ArrayList<>();
        for (Path doc : docs) {
            List<String> lines = Files.readAllLines(doc, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (PARENT_PATH.matcher(lines.get(i)).find()) {
                    outside.add(ROOT.relativize(doc) + ":" + (i + 1) + ": " + lines.get(i).trim());
                }
            }
        }
        assertEquals(List.of(), outside);
    }
}
