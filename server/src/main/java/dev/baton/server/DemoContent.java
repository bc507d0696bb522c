package dev.baton.server;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.kb.Article;
import dev.baton.kb.KnowledgeBase;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The demo knowledge base (Perkful, a loyalty app for online stores) that a fresh Baton starts with. */
final class DemoContent {
    private static final String KNOWLEDGE_BASE = "/demo/knowledge-base.json";

    private DemoContent() {}

    /** Loads the demo articles when asked to, or when asked nothing and the knowledge base is empty. */
    static int seed(KnowledgeBase knowledgeBase, Boolean demo, ObjectMapper json) {
        boolean wanted = demo != null ? demo : knowledgeBase.size() == 0;
        if (!wanted) {
            return 0;
        }
        List<Article> articles = articles(json);
        knowledgeBase.saveAll(articles);
        return articles.size();
    }

    static List<Article> articles(ObjectMapper json) {
        try (InputStream in = DemoContent.class.getResourceAsStream(KNOWLEDGE_BASE)) {
            return json.readValue(in, new TypeReference<List<Article>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException("the demo knowledge base is missing from the jar", e);
        }
    }
}
