package dev.baton.kb;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * How admins change the knowledge base: every save is a new version; publishing puts the article in front of
 * customers at once (on this node here, on the others through {@code announce}), archiving takes it away, a draft
 * changes nothing live. Restoring an old version saves it again as the newest.
 */
public final class ArticleEditor {
    public static final String SYSTEM = "system";

    private final KnowledgeBase knowledgeBase;
    private final ArticleVersions versions;
    private final Consumer<String> announce;
    private final Clock clock;

    /**
     * @param announce tells every node that an article changed (its id), so each reloads it from the store
     */
    public ArticleEditor(KnowledgeBase knowledgeBase, ArticleVersions versions, Consumer<String> announce,
            Clock clock) {
        this.knowledgeBase = knowledgeBase;
        this.versions = versions;
        this.announce = announce;
        this.clock = clock;
    }

    /** An article as the editor shows it: its newest version, whether customers get it now, how many versions. */
    public record Entry(ArticleVersion latest, boolean live, int versions) {}

    /** Gives articles that have no history yet (demo, first start after an upgrade) their first version. */
    public void adoptUnversioned() {
        Set<String> known = versions.articleIds();
        for (Article article : knowledgeBase.all()) {
            if (!known.contains(article.id())) {
                versions.append(new ArticleVersion(0, article, ArticleStatus.PUBLISHED, SYSTEM, "Baton",
                        clock.millis()));
            }
        }
    }

    /** Every article, newest change first; {@code query} matches title, tags and id, {@code status} filters. */
    public List<Entry> list(String query, ArticleStatus status, String language) {
        String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        List<Entry> entries = new ArrayList<>();
        for (String id : versions.articleIds()) {
            find(id).filter(e -> status == null || e.latest().status() == status)
                    .filter(e -> language == null || language.equals(e.latest().article().language()))
                    .filter(e -> q.isEmpty() || matches(e.latest().article(), q))
                    .ifPresent(entries::add);
        }
        entries.sort(Comparator.comparingLong((Entry e) -> e.latest().savedAt()).reversed());
        return entries;
    }

    private static boolean matches(Article article, String q) {
        return article.title().toLowerCase(Locale.ROOT).contains(q) || article.id().contains(q)
                || article.tags().stream().anyMatch(t -> t.toLowerCase(Locale.ROOT).contains(q));
    }

    /** The article's newest version and where it stands, without reading its whole history. */
    public Optional<Entry> find(String id) {
        return versions.latest(id).map(latest -> new Entry(latest, knowledgeBase.find(id).isPresent(),
                latest.version()));
    }

    public boolean exists(String id) {
        return versions.count(id) > 0;
    }

    /** Saves a new version; refused (IllegalArgumentException with every problem) when the article is not valid. */
    public ArticleVersion save(Article article, ArticleStatus status, String editorId, String editorName) {
        List<String> problems = ArticleRules.problems(article);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        ArticleVersion saved = versions.append(new ArticleVersion(0, article, status, editorId, editorName,
                clock.millis()));
        applyLive(saved);
        return saved;
    }

    /** Saves an old version again as the newest, with its content and status. */
    public Optional<ArticleVersion> restore(String id, int version, String editorId, String editorName) {
        return versions.version(id, version)
                .map(old -> save(old.article(), old.status(), editorId, editorName));
    }

    public List<ArticleVersion> history(String id) {
        return versions.all(id);
    }

    public Optional<ArticleVersion> version(String id, int version) {
        return versions.version(id, version);
    }

    /**
     * What customers get follows the newest version: published goes live, archived goes away, drafts wait. The
     * newest is read again rather than taken from this save, so two admins saving at once end on the last save.
     */
    private void applyLive(ArticleVersion saved) {
        ArticleVersion newest = versions.latest(saved.article().id()).orElse(saved);
        switch (newest.status()) {
            case PUBLISHED -> knowledgeBase.save(newest.article());
            case ARCHIVED -> knowledgeBase.delete(newest.article().id());
            case DRAFT -> {
                return;
            }
        }
        announce.accept(newest.article().id());
    }

    /** What an import did. */
    public record Imported(int created, int updated, int archived) {}

    /** One bad record of an import file, by its position (0-based) in the array. */
    public record Problem(int index, String id, String message) {}

    /** An import refused as a whole: nothing was saved. */
    public static final class ImportRefused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient List<Problem> problems;

        ImportRefused(List<Problem> problems) {
            super(problems.size() + " record(s) can't be imported; nothing was imported.");
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() {
            return problems;
        }
    }

    /**
     * Imports articles all or nothing: every record is checked first (and ids must be unique in the file); only then
     * is each saved as a new version. With {@code replace}, live articles missing from the file are archived.
     */
    public Imported importAll(List<ArticleInput> inputs, boolean replace, String editorId, String editorName,
            Consumer<Integer> progress) {
        List<Problem> problems = check(inputs);
        if (!problems.isEmpty()) {
            throw new ImportRefused(problems);
        }
        Set<String> seen = new HashSet<>();
        inputs.forEach(input -> seen.add(input.id()));
        int created = 0;
        int updated = 0;
        for (int i = 0; i < inputs.size(); i++) {
            ArticleInput input = inputs.get(i);
            if (exists(input.id())) {
                updated++;
            } else {
                created++;
            }
            save(input.article(), input.statusOr(ArticleStatus.PUBLISHED), editorId, editorName);
            progress.accept(i + 1);
        }
        int archived = 0;
        if (replace) {
            for (Article live : knowledgeBase.all()) {
                if (!seen.contains(live.id())) {
                    save(live, ArticleStatus.ARCHIVED, editorId, editorName);
                    archived++;
                }
            }
        }
        return new Imported(created, updated, archived);
    }

    /**
     * Every problem of an import file, by record; a null record is one that could not be read as an article.
     * Empty when all of it can be imported.
     */
    public List<Problem> check(List<ArticleInput> inputs) {
        List<Problem> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < inputs.size(); i++) {
            ArticleInput input = inputs.get(i);
            if (input == null) {
                problems.add(new Problem(i, null, "the record is not an article object (id, title, body, tags, "
                        + "language, examples, status)"));
                continue;
            }
            final int index = i;
            input.problems().forEach(p -> problems.add(new Problem(index, input.id(), p)));
            if (input.id() != null && !seen.add(input.id())) {
                problems.add(new Problem(i, input.id(), "the id appears more than once in the file"));
            }
        }
        return problems;
    }

    /** Every article's newest version, as an import file holds them, by id. */
    public List<ArticleInput> exportAll() {
        return versions.articleIds().stream().sorted().map(versions::latest).flatMap(Optional::stream)
                .map(ArticleInput::of).toList();
    }
}
