package dev.baton.kb;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** Where an article stands: being written, answering customers, or retired (kept, with its history). */
public enum ArticleStatus {
    @JsonProperty("draft") DRAFT,
    @JsonProperty("published") PUBLISHED,
    @JsonProperty("archived") ARCHIVED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ArticleStatus parse(String code) {
        for (ArticleStatus status : values()) {
            if (status.code().equals(code)) {
                return status;
            }
        }
        throw new IllegalArgumentException("status is draft, published or archived, not '" + code + "'");
    }
}
