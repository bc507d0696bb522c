package dev.baton.kb;

import java.util.ArrayList;
import java.util.List;

/**
 * An article as admins write it and as import and export files hold it: {@code status} optional (published when
 * missing). Checked as a whole before anything is saved.
 */
public record ArticleInput(String id, String title, String body, List<String> tags, String language,
        List<String> examples, String status) {

    /** Every problem of this input; empty when it can be saved. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (id == null || title == null || body == null) {
            problems.add("id, title and body are required");
            return problems;
        }
        if (status != null) {
            try {
                ArticleStatus.parse(status);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        problems.addAll(ArticleRules.problems(article()));
        return problems;
    }

    public Article article() {
        return new Article(id, title, body, tags, language, examples);
    }

    public ArticleStatus statusOr(ArticleStatus fallback) {
        return status == null ? fallback : ArticleStatus.parse(status);
    }

    public static ArticleInput of(ArticleVersion version) {
        Article a = version.article();
        return new ArticleInput(a.id(), a.title(), a.body(), a.tags(), a.language(), a.examples(),
                version.status().code());
    }
}
