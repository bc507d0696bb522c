package dev.baton.kb;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** What makes an article acceptable: every problem found, worded for the admin who has to fix it. */
public final class ArticleRules {
    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,79}");
    static final int MAX_TITLE = 200;
    static final int MAX_BODY = 50_000;
    static final int MAX_TAGS = 20;
    static final int MAX_EXAMPLES = 100;
    static final int MAX_EXAMPLE = 300;

    private ArticleRules() {}

    /** Every problem of the article; empty when it is fine. */
    public static List<String> problems(Article article) {
        List<String> problems = new ArrayList<>();
        if (!ID.matcher(article.id()).matches()) {
            problems.add("id must be 1-80 lowercase letters, digits or dashes, like 'cancel-subscription'");
        }
        if (article.title().isBlank() || article.title().length() > MAX_TITLE) {
            problems.add("title must be 1-" + MAX_TITLE + " characters");
        }
        if (article.body().isBlank() || article.body().length() > MAX_BODY) {
            problems.add("body must be 1-" + MAX_BODY + " characters of Markdown");
        }
        if (!Language.ENGLISH.equals(article.language()) && !Language.JAPANESE.equals(article.language())) {
            problems.add("language must be 'en' or 'ja'");
        }
        if (article.tags().size() > MAX_TAGS || article.tags().stream().anyMatch(t -> t == null || t.isBlank()
                || t.length() > 40)) {
            problems.add("tags: at most " + MAX_TAGS + ", each 1-40 characters");
        }
        if (article.examples().size() > MAX_EXAMPLES || article.examples().stream().anyMatch(e -> e == null
                || e.isBlank() || e.length() > MAX_EXAMPLE)) {
            problems.add("examples: at most " + MAX_EXAMPLES + " questions, each 1-" + MAX_EXAMPLE + " characters");
        }
        return problems;
    }
}
