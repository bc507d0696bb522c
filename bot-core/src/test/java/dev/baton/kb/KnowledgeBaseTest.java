package dev.baton.kb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.store.Json;
import dev.baton.store.RedisArticleStore;
import dev.baton.store.RedisKeys;
import dev.baton.testing.FixtureArticles;
import dev.baton.testing.TestRedis;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

class KnowledgeBaseTest {
    private static final TextAnalysis analysis = new TextAnalysis();

    private final RedisClient redis = TestRedis.newClient();
    private final RedisKeys keys = TestRedis.newKeys();
    private final RedisArticleStore store = new RedisArticleStore(redis, keys, Json.newMapper());
    private KnowledgeBase knowledgeBase;
    private Answerer answerer;

    @BeforeEach
    void loadFixtures() {
        FixtureArticles.all().forEach(store::save);
        knowledgeBase = new KnowledgeBase(store, new LuceneRetriever(analysis));
        knowledgeBase.load();
        answerer = new Answerer(knowledgeBase, new PassageFinder(analysis));
    }

    @AfterEach
    void cleanUp() {
        TestRedis.clean(redis, keys);
        redis.close();
    }

    @AfterAll
    static void closeAnalysis() {
        analysis.close();
    }

    private String articleFor(String question) {
        return answerer.answer(question).map(answer -> answer.article().id()).orElse("none");
    }

    @Test
    void english_questions_find_their_article() {
        assertEquals("earning-points", articleFor("How many points do customers get per dollar?"));
        assertEquals("cancel-subscription", articleFor("how can i cancel my subscription"));
        assertEquals("shopify-integration", articleFor("The widget isn't showing on my Shopify store"));
    }

    @Test
    void japanese_questions_find_the_japanese_article() {
        assertEquals("ja-points-expiry", articleFor("ポイントの有効期限を変更したい"));
    }

    @Test
    void a_question_about_nothing_in_the_knowledge_base_gets_no_answer() {
        assertEquals("none", articleFor("Will it rain in Osaka tomorrow?"));
    }

    @Test
    void an_edited_article_is_found_by_its_new_text_at_once() {
        var edited = new Article("shopify-integration", "Shopify integration",
                "Orders from Shopify sync every five minutes. Gift cards are excluded from points.",
                List.of(), "en", List.of());
        assertEquals("none", articleFor("are gift cards excluded"));

        knowledgeBase.save(edited);

        assertEquals("shopify-integration", articleFor("are gift cards excluded"));
        assertEquals(edited, store.find("shopify-integration").orElseThrow());
    }

    @Test
    void a_deleted_article_is_never_answered_again() {
        assertTrue(knowledgeBase.delete("shopify-integration"));

        assertNotEquals("shopify-integration", articleFor("how do I connect shopify"));
        assertTrue(knowledgeBase.search("shopify", 10).isEmpty());
        assertTrue(store.find("shopify-integration").isEmpty());
    }

    @Test
    void the_answer_is_the_passage_that_answers_not_the_whole_article() {
        Answer answer = answerer.answer("do customers get points on their birthday?").orElseThrow();

        assertEquals("Customers also earn 50 points when they create an account and 100 points on their birthday. "
                + "Bonus points appear in the customer's balance within a minute.", answer.passage());
    }
}
