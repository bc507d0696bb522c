package dev.baton.kb;

/**
 * One saved state of an article: every save is a new version, numbered from 1, with who saved it and when.
 *
 * @param editorId the agent who saved it; "system" for the demo and articles from before versioning
 */
public record ArticleVersion(int version, Article article, ArticleStatus status, String editorId,
        String editorName, long savedAt) {

    public ArticleVersion numbered(int number) {
        return new ArticleVersion(number, article, status, editorId, editorName, savedAt);
    }
}
