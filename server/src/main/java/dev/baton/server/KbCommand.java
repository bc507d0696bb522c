package dev.baton.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.event.Signal;
import dev.baton.kb.ArticleEditor;
import dev.baton.kb.ArticleInput;
import dev.baton.store.Json;
import dev.baton.store.RedisArticleStore;
import dev.baton.store.RedisArticleVersions;
import dev.baton.store.RedisEmbeddingCache;
import dev.baton.store.RedisKeys;
import dev.baton.store.RedisSignals;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code baton kb import FILE} and {@code baton kb export FILE}: the knowledge base as one JSON array, on Baton's
 * Redis (embedded or REDIS_URL). Running nodes on the same Redis pick imported articles up at once.
 */
@Command(name = "kb", mixinStandardHelpOptions = true, description = "Import and export the knowledge base.",
        subcommands = {KbCommand.Import.class, KbCommand.Export.class})
final class KbCommand {

    /** Where the knowledge base lives: the same options for both subcommands. */
    static class Store {
        @Mixin
        RedisOptions redisOptions;

        /** Runs the work on Baton's Redis with an editor over its knowledge base. */
        int run(Work work) throws Exception {
            ObjectMapper json = Json.newMapper();
            return redisOptions.use((redis, keys) -> {
                try (Answering answering = new Answering(new RedisArticleStore(redis, keys, json),
                        model -> new RedisEmbeddingCache(redis, keys, model));
                        RedisSignals signals = new RedisSignals(redis, keys, json)) {
                    answering.knowledgeBase().load();
                    var editor = new ArticleEditor(answering.knowledgeBase(),
                            new RedisArticleVersions(redis, keys, json), id -> signals.publish(Signal.articleChanged(id)),
                            Clock.systemUTC());
                    editor.adoptUnversioned();
                    return work.run(editor, json);
                }
            });
        }
    }

    interface Work {
        int run(ArticleEditor editor, ObjectMapper json) throws Exception;
    }

    @Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Import a JSON array of {id, title, body, tags, language, examples, status}: every record "
                    + "is checked first, and nothing is imported when one is wrong.")
    static final class Import extends Store implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE")
        Path file;

        @Option(names = "--replace", description = "Archive the articles that are not in the file.")
        boolean replace;

        @Override
        public Integer call() throws Exception {
            List<ArticleInput> inputs = read(file);
            return run((editor, json) -> {
                List<ArticleEditor.Problem> problems = editor.check(inputs);
                if (!problems.isEmpty()) {
                    problems.forEach(p -> System.err.println("record " + p.index()
                            + (p.id() == null ? "" : " (" + p.id() + ")") + ": " + p.message()));
                    System.err.println(problems.size() + " problem(s); nothing was imported.");
                    return 1;
                }
                ArticleEditor.Imported imported;
                try (ProgressBar bar = new ProgressBar("Importing", inputs.size())) {
                    imported = editor.importAll(inputs, replace, ArticleEditor.SYSTEM, "Import", bar::stepTo);
                }
                System.out.println("Imported " + inputs.size() + " articles: " + imported.created() + " new, "
                        + imported.updated() + " updated, " + imported.archived() + " archived.");
                return 0;
            });
        }

        /** The file's records; one that is not an article object stays as null, to be named by its index. */
        private static List<ArticleInput> read(Path file) {
            ObjectMapper json = Json.newMapper();
            JsonNode tree;
            try {
                tree = json.readTree(Files.readString(file));
            } catch (IOException e) {
                throw new IllegalArgumentException("can't read " + file + ": " + e.getMessage());
            }
            if (tree == null || !tree.isArray()) {
                throw new IllegalArgumentException(file + " must hold a JSON array of articles");
            }
            List<ArticleInput> inputs = new ArrayList<>();
            for (JsonNode record : tree) {
                try {
                    inputs.add(record.isObject() ? json.treeToValue(record, ArticleInput.class) : null);
                } catch (IOException e) {
                    inputs.add(null);
                }
            }
            return inputs;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Write every article's newest version to FILE as a JSON array (drafts and archived too).")
    static final class Export extends Store implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() throws Exception {
            return run((editor, json) -> {
                List<ArticleInput> articles = editor.exportAll();
                try {
                    json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), articles);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                System.out.println("Exported " + articles.size() + " articles to " + file + ".");
                return 0;
            });
        }
    }

    private KbCommand() {}
}
