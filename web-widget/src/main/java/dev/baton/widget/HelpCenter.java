package dev.baton.widget;

import dev.baton.access.TrustedProxies;
import dev.baton.conversation.CustomerText;
import dev.baton.kb.AnswerPolicy;
import dev.baton.kb.Answerer;
import dev.baton.kb.Article;
import dev.baton.kb.ArticleLinks;
import dev.baton.kb.KnowledgeBase;
import dev.baton.kb.Language;
import dev.baton.kb.MarkdownHtml;
import dev.baton.kb.Match;
import dev.baton.kb.Question;
import dev.baton.kpi.ArticleOpens;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The messenger's help center, for customers (no login): {@code GET /help/search?q=&lang=} searches the published
 * articles with the bot's own retrieval, {@code GET /help/articles/{id}} gives one article as safe HTML to read in
 * the panel and counts the open for the KPIs. Pages of the messenger's allowed origins may call it (CORS); others
 * are refused, as on the chat socket. Searches are limited per client address ({@link ChatLimits#helpSearches}):
 * each one embeds the query.
 */
public final class HelpCenter {
    static final int MAX_QUERY = 200;
    static final int RESULTS = 5;
    /** Fewer typed characters than this match titles by meaning only ("a" is in every title). */
    static final int MIN_TITLE_QUERY = 2;
    /** With no query, the home view lists this many articles of the customer's language. */
    static final int HOME_ARTICLES = 8;
    private static final int SNIPPET = 120;
    /** Markdown marks, so a snippet reads as text. Article text is the team's own, not customer input. */
    private static final Pattern MARKS = Pattern.compile("[#*_`>\\[\\]]|\\(https?://[^)]*\\)");

    public record Result(String id, String title, String snippet, String url) {}

    public record ArticleView(String id, String title, String language, String html, String url) {}

    private final KnowledgeBase knowledgeBase;
    private final Answerer.PolicySource policies;
    private final ArticleOpens opens;
    private final OriginPolicy origins;
    private final ArticleLinks links;
    private final Clock clock;
    private final TrustedProxies proxies;
    private final AddressBudgets<TokenBucket> searches;
    private final MarkdownHtml html = new MarkdownHtml();

    /** @param limits the help-center searches one client address may make; @param proxies who the client is */
    public HelpCenter(KnowledgeBase knowledgeBase, Answerer.PolicySource policies, ArticleOpens opens, OriginPolicy origins,
            ArticleLinks links, Clock clock, ChatLimits limits, TrustedProxies proxies) {
        this.knowledgeBase = knowledgeBase;
        this.policies = policies;
        this.opens = opens;
        this.origins = origins;
        this.links = links;
        this.clock = clock;
        this.proxies = proxies;
        this.searches = AddressBudgets.requests(limits.helpSearchesPerAddress());
    }

    public void search(Context ctx) {
        if (!allowed(ctx)) {
            return;
        }
        String q = ctx.queryParam("q") == null ? "" : ctx.queryParam("q").strip();
        String lang = ctx.queryParam("lang") == null ? Language.ENGLISH : ctx.queryParam("lang");
        if (!Language.ENGLISH.equals(lang) && !Language.JAPANESE.equals(lang)) {
            refuse(ctx, HttpStatus.BAD_REQUEST, "bad_lang", "\"lang\" is en or ja.");
            return;
        }
        if (q.length() > MAX_QUERY) {
            refuse(ctx, HttpStatus.BAD_REQUEST, "query_too_long", "A search holds at most " + MAX_QUERY + " characters.");
            return;
        }
        if (q.isEmpty()) {
            ctx.json(Map.of("results", home(lang)));
            return;
        }
        long wait = searches.admit(proxies.clientAddress(ctx.req().getRemoteAddr(), ctx.header("X-Forwarded-For")),
                TokenBucket::take);
        if (wait > 0) {
            ctx.header(Header.RETRY_AFTER, Long.toString((wait + 999) / 1000));
            ctx.status(HttpStatus.TOO_MANY_REQUESTS).json(Map.of("error", "rate_limited",
                    "message", "Too many searches from this address; try again in a moment.", "retryAfterMs", wait));
            return;
        }
        ctx.json(Map.of("results", matches(q)));
    }

    public void article(Context ctx) {
        if (!allowed(ctx)) {
            return;
        }
        Article article = knowledgeBase.find(ctx.pathParam("id")).orElse(null);
        if (article == null) {
            refuse(ctx, HttpStatus.NOT_FOUND, "not_found", "There is no such article.");
            return;
        }
        opens.record(article.id(), article.title(), clock.instant());
        ctx.json(new ArticleView(article.id(), article.title(), article.language(), html.render(article.body()),
                links.url(article.id())));
    }

    private List<Result> home(String lang) {
        return knowledgeBase.all().stream().filter(article -> lang.equals(article.language()))
                .sorted(Comparator.comparing(Article::title)).limit(HOME_ARTICLES).map(this::result).toList();
    }

    /**
     * The articles the bot would answer the query with or offer as choices (its retrieval and the knowledge base's
     * calibrated thresholds, so an unrelated question lists nothing), then those whose title holds the typed words:
     * a half-typed word finds its article.
     */
    private List<Result> matches(String q) {
        Question question = knowledgeBase.prepare(q);
        AnswerPolicy policy = policies.current();
        Set<String> ids = new LinkedHashSet<>();
        knowledgeBase.search(question, RESULTS).stream()
                .filter(match -> match.confidence() >= policy.offerThresholdFor(match))
                .map(Match::articleId).forEach(ids::add);
        String typed = q.toLowerCase(Locale.ROOT);
        if (typed.codePointCount(0, typed.length()) >= MIN_TITLE_QUERY) {
            knowledgeBase.all().stream().filter(article -> article.title().toLowerCase(Locale.ROOT).contains(typed))
                    .map(Article::id).forEach(ids::add);
        }
        return ids.stream().limit(RESULTS).map(knowledgeBase::find).flatMap(Optional::stream).map(this::result)
                .toList();
    }

    private Result result(Article article) {
        String text = MARKS.matcher(article.body()).replaceAll("");
        return new Result(article.id(), article.title(), CustomerText.oneLine(text, SNIPPET), links.url(article.id()));
    }

    /** Same origin, or a page of the messenger's allowed origins (answered with CORS); any other page is refused. */
    private boolean allowed(Context ctx) {
        String origin = ctx.header(Header.ORIGIN);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header(Header.VARY, Header.ORIGIN);
        if (!origins.allows(origin, ctx.header(Header.HOST))) {
            refuse(ctx, HttpStatus.FORBIDDEN, "origin_refused", "This site may not use the help center.");
            return false;
        }
        if (origin != null) {
            ctx.header(Header.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        }
        return true;
    }

    private static void refuse(Context ctx, HttpStatus status, String code, String message) {
        ctx.status(status).json(Map.of("error", code, "message", message));
    }
}
