package dev.baton.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.baton.kb.Article;
import dev.baton.kb.ArticleEditor;
import dev.baton.kb.ArticleInput;
import dev.baton.kb.ArticleStatus;
import dev.baton.kb.ArticleVersion;
import dev.baton.kb.ContentGaps;
import dev.baton.kb.DraftTrials;
import dev.baton.kb.KnowledgeBase;
import dev.baton.kb.MarkdownHtml;
import dev.baton.kb.RecentQuestions;
import dev.baton.kpi.Kpis;
import dev.baton.routing.Agent;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code /api/kb/*}, for admins: the knowledge base editor's API (articles and their versions, diff and restore,
 * trying a question against a draft, what a draft would change, Markdown preview, import and export).
 */
public final class KnowledgeBaseController {
    /** The list shows how each article served over this many days. */
    public static final int USAGE_DAYS = 30;
    private static final long USAGE_REFRESH_MILLIS = 10_000;
    /** How many of the latest real questions "what would change" replays, with every article's examples. */
    static final int REPLAYED_QUESTIONS = 1_000;

    private final ArticleEditor editor;
    private final KnowledgeBase knowledgeBase;
    private final DraftTrials trials;
    private final RecentQuestions recentQuestions;
    private final Supplier<List<ContentGaps.GapGroup>> gapGroups;
    private final Supplier<List<Kpis.ArticleFeedback>> usage;
    /** The usage figures, read again at most every 10 s: they come from a month of conversation logs. */
    private volatile Map<String, Kpis.ArticleFeedback> served = Map.of();
    private volatile long servedAt;
    private final ObjectMapper json;
    private final MarkdownHtml markdown = new MarkdownHtml();

    public KnowledgeBaseController(ArticleEditor editor, KnowledgeBase knowledgeBase, DraftTrials trials,
            RecentQuestions recentQuestions, Supplier<List<ContentGaps.GapGroup>> gapGroups,
            Supplier<List<Kpis.ArticleFeedback>> usage, ObjectMapper json) {
        this.editor = editor;
        this.knowledgeBase = knowledgeBase;
        this.trials = trials;
        this.recentQuestions = recentQuestions;
        this.gapGroups = gapGroups;
        this.usage = usage;
        this.json = json;
    }

    /**
     * An article in the editor: the newest version's fields, its status, whether customers get it now, and in
     * lists how it served over the last {@link #USAGE_DAYS} days (bot answers citing it, "Did this help?" votes).
     */
    record ArticleView(String id, String title, String body, List<String> tags, String language,
            List<String> examples, ArticleStatus status, boolean live, int version, int versions, long updatedAt,
            String updatedBy, Integer answers, Integer helpful, Integer notHelpful) {

        static ArticleView of(ArticleEditor.Entry entry, Kpis.ArticleFeedback served) {
            ArticleVersion latest = entry.latest();
            Article a = latest.article();
            return new ArticleView(a.id(), a.title(), a.body(), a.tags(), a.language(), a.examples(),
                    latest.status(), entry.live(), latest.version(), entry.versions(), latest.savedAt(),
                    latest.editorName(), served == null ? null : served.answers(),
                    served == null ? null : served.helpful(), served == null ? null : served.notHelpful());
        }

        static ArticleView of(ArticleEditor.Entry entry) {
            return of(entry, null);
        }
    }

    record VersionView(int version, String title, ArticleStatus status, String editorName, long savedAt) {}

    record DiffLine(String op, String text) {}

    public void list(Context ctx) {
        String status = ctx.queryParam("status");
        String language = ctx.queryParam("language");
        Map<String, Kpis.ArticleFeedback> served = served();
        List<ArticleView> articles = editor.list(ctx.queryParam("q"),
                status == null || status.isBlank() ? null : ArticleStatus.parse(status),
                language == null || language.isBlank() ? null : language).stream()
                .map(entry -> ArticleView.of(entry, served.get(entry.latest().article().id()))).toList();
        ctx.json(Map.of("articles", articles));
    }

    private Map<String, Kpis.ArticleFeedback> served() {
        long now = System.currentTimeMillis();
        if (now - servedAt > USAGE_REFRESH_MILLIS) {
            Map<String, Kpis.ArticleFeedback> fresh = new HashMap<>();
            usage.get().forEach(article -> fresh.put(article.articleId(), article));
            served = fresh;
            servedAt = now;
        }
        return served;
    }

    public void get(Context ctx) {
        ctx.json(view(ctx.pathParam("id")));
    }

    public void create(Context ctx) {
        Agent admin = AccessGuard.agent(ctx);
        ArticleInput input = input(ctx, null);
        if (editor.exists(input.id())) {
            throw new ApiError(HttpStatus.CONFLICT, "article_exists", "An article with the id '" + input.id()
                    + "' exists; edit it instead, or choose another id.");
        }
        saved(ctx, input, admin, HttpStatus.CREATED);
    }

    public void update(Context ctx) {
        Agent admin = AccessGuard.agent(ctx);
        String id = ctx.pathParam("id");
        view(id);
        saved(ctx, input(ctx, id), admin, HttpStatus.OK);
    }

    /** Archives: customers stop getting it; its history stays and it can be restored. */
    public void archive(Context ctx) {
        Agent admin = AccessGuard.agent(ctx);
        ArticleView current = view(ctx.pathParam("id"));
        editor.save(new Article(current.id(), current.title(), current.body(), current.tags(), current.language(),
                current.examples()), ArticleStatus.ARCHIVED, admin.id(), admin.name());
        ctx.json(view(current.id()));
    }

    public void versions(Context ctx) {
        String id = ctx.pathParam("id");
        view(id);
        List<VersionView> versions = editor.history(id).stream()
                .map(v -> new VersionView(v.version(), v.article().title(), v.status(), v.editorName(), v.savedAt()))
                .toList();
        ctx.json(Map.of("versions", versions));
    }

    public void version(Context ctx) {
        ctx.json(versionOf(ctx.pathParam("id"), number(ctx.pathParam("version"))));
    }

    /** {@code ?from=&to=}: a unified diff of the two versions, title and fields first, then the body by line. */
    public void diff(Context ctx) {
        String id = ctx.pathParam("id");
        ArticleVersion from = versionOf(id, number(ctx.queryParam("from")));
        ArticleVersion to = versionOf(id, number(ctx.queryParam("to")));
        List<String> before = lines(from);
        List<String> after = lines(to);
        List<String> unified = UnifiedDiffUtils.generateUnifiedDiff("version " + from.version(),
                "version " + to.version(), before, DiffUtils.diff(before, after), 2);
        List<DiffLine> diff = new ArrayList<>();
        for (String line : unified.subList(Math.min(2, unified.size()), unified.size())) {
            String op = line.startsWith("@@") ? "@" : line.substring(0, 1);
            diff.add(new DiffLine(op, line.startsWith("@@") ? line : line.substring(1)));
        }
        ctx.json(Map.of("from", from.version(), "to", to.version(), "lines", diff));
    }

    private static List<String> lines(ArticleVersion version) {
        Article a = version.article();
        List<String> lines = new ArrayList<>();
        lines.add("Title: " + a.title());
        lines.add("Status: " + version.status().code());
        lines.add("Language: " + a.language());
        lines.add("Tags: " + String.join(", ", a.tags()));
        a.examples().forEach(example -> lines.add("Example: " + example));
        lines.add("");
        lines.addAll(List.of(a.body().split("\n", -1)));
        return lines;
    }

    public void restore(Context ctx) {
        Agent admin = AccessGuard.agent(ctx);
        String id = ctx.pathParam("id");
        int version = number(ctx.pathParam("version"));
        editor.restore(id, version, admin.id(), admin.name())
                .orElseThrow(() -> ApiError.notFound("Version " + version + " of '" + id + "'"));
        ctx.json(view(id));
    }

    /** {@code {question, draft?}}: what the bot would answer, now or with the draft published. */
    public void tryQuestion(Context ctx) {
        JsonNode body = body(ctx);
        String question = body.path("question").asText("").strip();
        if (question.isEmpty() || question.length() > 4_000) {
            throw ApiError.badRequest("\"question\" is 1 to 4000 characters.");
        }
        Article draft = body.hasNonNull("draft") ? draft(body.get("draft")) : null;
        ctx.json(trials.tryQuestion(question, draft));
    }

    /**
     * {@code {draft}}: the latest real questions and every article's examples whose confident answer would change
     * if the draft were published.
     */
    public void impact(Context ctx) {
        JsonNode body = body(ctx);
        if (!body.hasNonNull("draft")) {
            throw ApiError.badRequest("Send the \"draft\" to compare.");
        }
        Article draft = draft(body.get("draft"));
        Set<String> questions = new LinkedHashSet<>(recentQuestions.latest(REPLAYED_QUESTIONS));
        knowledgeBase.all().forEach(article -> questions.addAll(article.examples()));
        questions.addAll(draft.examples());
        List<DraftTrials.Change> changes = trials.impact(draft, List.copyOf(questions));
        ctx.json(Map.of("checked", questions.size(), "changes", changes));
    }

    public void preview(Context ctx) {
        String body = body(ctx).path("body").asText("");
        ctx.json(Map.of("html", markdown.render(body)));
    }

    /** A JSON array of articles, all or nothing; {@code ?replace=true} archives live articles not in it. */
    public void importArticles(Context ctx) {
        Agent admin = AccessGuard.agent(ctx);
        JsonNode body = body(ctx);
        if (!body.isArray()) {
            throw ApiError.badRequest("Send a JSON array of articles: [{id, title, body, tags, language, examples, "
                    + "status}].");
        }
        List<ArticleInput> inputs = new ArrayList<>();
        for (JsonNode record : body) {
            try {
                inputs.add(record.isObject() ? json.treeToValue(record, ArticleInput.class) : null);
            } catch (Exception e) {
                inputs.add(null); // named by its index below
            }
        }
        List<ArticleEditor.Problem> problems = editor.check(inputs);
        if (!problems.isEmpty()) {
            throw importRefused(problems);
        }
        try {
            ArticleEditor.Imported imported = editor.importAll(inputs, "true".equals(ctx.queryParam("replace")),
                    admin.id(), admin.name(), done -> { });
            ctx.json(imported);
        } catch (ArticleEditor.ImportRefused refused) {
            throw importRefused(refused.problems());
        }
    }

    private static ApiError importRefused(List<ArticleEditor.Problem> problems) {
        return new ApiError(HttpStatus.BAD_REQUEST, "invalid_import", problems.size()
                + " record(s) can't be imported; nothing was imported.", Map.of("problems", problems));
    }

    /** The questions the bot failed, grouped by meaning, largest groups first. */
    public void gaps(Context ctx) {
        ctx.json(Map.of("groups", gapGroups.get()));
    }

    public void export(Context ctx) {
        ctx.header("Content-Disposition", "attachment; filename=\"baton-articles.json\"");
        ctx.json(editor.exportAll());
    }

    private void saved(Context ctx, ArticleInput input, Agent admin, HttpStatus status) {
        List<String> problems = input.problems();
        if (!problems.isEmpty()) {
            throw ApiError.badRequest(String.join("; ", problems) + ".");
        }
        editor.save(input.article(), input.statusOr(ArticleStatus.DRAFT), admin.id(), admin.name());
        ctx.status(status).json(view(input.id()));
    }

    /** The body as an article; on update, the id is the path's. */
    private ArticleInput input(Context ctx, String pathId) {
        ArticleInput input = readInput(body(ctx));
        if (pathId != null) {
            if (input.id() != null && !input.id().equals(pathId)) {
                throw ApiError.badRequest("The id can't change; create a new article instead.");
            }
            input = new ArticleInput(pathId, input.title(), input.body(), input.tags(), input.language(),
                    input.examples(), input.status());
        }
        return input;
    }

    private ArticleInput readInput(JsonNode node) {
        try {
            return json.treeToValue(node, ArticleInput.class);
        } catch (Exception e) {
            throw ApiError.badRequest("The article's fields have the wrong types: id, title, body and language are "
                    + "text, tags and examples lists of text, status draft, published or archived.");
        }
    }

    private Article draft(JsonNode node) {
        ArticleInput input = readInput(node);
        List<String> problems = input.problems();
        if (!problems.isEmpty()) {
            throw ApiError.badRequest("The draft is not valid: " + String.join("; ", problems) + ".");
        }
        return input.article();
    }

    private JsonNode body(Context ctx) {
        try {
            JsonNode body = json.readTree(ctx.body());
            if (body == null || body.isMissingNode()) {
                throw ApiError.badRequest("Send a JSON body.");
            }
            return body;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiError.badRequest("The body is not valid JSON.");
        }
    }

    private ArticleView view(String id) {
        return editor.find(id).map(ArticleView::of).orElseThrow(() -> ApiError.notFound("The article '" + id + "'"));
    }

    private ArticleVersion versionOf(String id, int version) {
        return editor.version(id, version)
                .orElseThrow(() -> ApiError.notFound("Version " + version + " of '" + id + "'"));
    }

    private static int number(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException | NullPointerException e) {
            throw ApiError.badRequest("A version is a number (1, 2, ...), not '" + value + "'.");
        }
    }
}
