package dev.baton.kb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.store.Json;
import dev.baton.store.RedisArticleStore;
import dev.baton.store.RedisEmbeddingCache;
import dev.baton.store.RedisKeys;
import dev.baton.testing.FixtureArticles;
import dev.baton.testing.TestEmbedder;
import dev.baton.testing.TestRedis;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/** Retrieval on a small project-written knowledge base, with the real model, the real index and a real Redis. */
class KnowledgeBaseTest {
    private static final TextAnalysis analysis = new TextAnalysis();

    private final RedisClient redis = TestRedis.newClient();
    private final RedisKeys keys = TestRedis.newKeys();
    private final RedisArticleStore store = new RedisArticleStore(redis, keys, Json.newMapper());
    private final AtomicInteger textsEmbedded = new AtomicInteger();
    private KnowledgeBase knowledgeBase;
    private Answerer answerer;

    /** The real model, counting how many article texts it had to embed (the cache answers the rest). */
    private final Embedder countingEmbedder = new Embedder() {
        @Override
        public String modelId() {
            return TestEmbedder.get().modelId();
        }

        @Override
        public float[] embed(String text) {
            textsEmbedded.incrementAndGet();
            return TestEmbedder.get().embed(text);
        }

        @Override
        public List<float[]> embedAll(List<String> texts) {
            textsEmbedded.addAndGet(texts.size());
            return TestEmbedder.get().embedAll(texts);
        }
    };

    private KnowledgeBase startKnowledgeBase() {
        var cache = new RedisEmbeddingCache(redis, keys, countingEmbedder.modelId());
        var retriever = new HybridRetriever(analysis, new CachingEmbedder(countingEmbedder, cache),
                TestEmbedder.get());
        var kb = new KnowledgeBase(store, retriever);
        kb.load();
        return kb;
    }

    @BeforeEach
    void loadFixtures() {
        FixtureArticles.all().forEach(store::save);
        knowledgeBase = startKnowledgeBase();
        answerer = new Answerer(knowledgeBase, new PassageFinder(analysis), AnswerPolicy.DEFAULT);
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

    /** The article the bot would answer with, or "not sure". */
    private String articleFor(String question) {
        Optional<Answer> answer = answerer.answer(question);
        return answer.filter(Answer::confident).map(a -> a.article().id()).orElse("not sure");
    }

    @Test
    void english_questions_find_their_article_in_other_words_than_the_article_uses() {
        assertEquals("earning-points", articleFor("How many points does a shopper get for each dollar?"));
        assertEquals("cancel-subscription", articleFor("I want to stop paying for the plan, how?"));
        assertEquals("shopify-integration", articleFor("The widget isn't showing up on my Shopify store"));
    }

    @Test
    void japanese_questions_find_the_japanese_article() {
        assertEquals("ja-points-expiry", articleFor("ポイントの有効期限を変更したい"));
    }

    @Test
    void unrelated_questions_are_refused_in_both_languages() {
        assertEquals("not sure", articleFor("Will it rain in Osaka tomorrow?"));
        assertEquals("not sure", articleFor("Set an alarm for 7 am"));
        assertEquals("not sure", articleFor("明日の大阪の天気は？"));
    }

    @Test
    void every_answer_carries_its_confidence() {
        Answer sure = answerer.answer("how do customers earn points").orElseThrow();
        Answer unsure = answerer.answer("Will it rain in Osaka tomorrow?").orElseThrow();

        assertTrue(sure.confident());
        assertTrue(sure.confidence() > unsure.confidence(), sure.confidence() + " vs " + unsure.confidence());
        assertFalse(unsure.confident());
    }

    @Test
    void an_edited_article_is_found_by_its_new_text_at_once() {
        var edited = new Article("shopify-integration", "Shopify integration",
                "Orders from Shopify sync every five minutes. Purchases at a Shopify POS till in a physical shop "
                        + "sync too, once the POS extension is switched on.",
                List.of(), "en", List.of("Do sales at my POS till in the shop sync?"));
        String question = "do sales rung up at the till in my physical shop sync?";
        assertFalse(articleFor(question).equals("shopify-integration"));

        knowledgeBase.save(edited);

        assertEquals("shopify-integration", articleFor(question));
        assertEquals(edited.body(), answerer.answer(question).orElseThrow().passage());
        assertEquals(edited, store.find("shopify-integration").orElseThrow());
    }

    @Test
    void a_deleted_article_is_never_answered_again() {
        assertTrue(knowledgeBase.delete("shopify-integration"));

        assertFalse(articleFor("how do I connect shopify").equals("shopify-integration"));
        Question question = knowledgeBase.prepare("how do I connect shopify");
        assertTrue(knowledgeBase.search(question, 10).stream().noneMatch(m -> m.articleId().equals(
                "shopify-integration")));
        assertTrue(store.find("shopify-integration").isEmpty());
    }

    @Test
    void the_answer_is_the_passage_that_answers_not_the_whole_article() {
        Answer answer = answerer.answer("do customers get points on their birthday?").orElseThrow();

        assertEquals("Customers also earn 50 points when they create an account and 100 points on their birthday. "
                + "Bonus points appear in the customer's balance within a minute.", answer.passage());
    }

    @Test
    void a_restart_reuses_the_cached_embeddings_of_unchanged_articles() {
        assertTrue(textsEmbedded.get() > 0, "the first start embedded the articles");
        textsEmbedded.set(0);

        KnowledgeBase restarted = startKnowledgeBase();
        var again = new Answerer(restarted, new PassageFinder(analysis), AnswerPolicy.DEFAULT);

        assertEquals(0, textsEmbedded.get(), "nothing embedded again");
        assertEquals("earning-points", again.answer("How many points does a shopper get for each dollar?")
                .orElseThrow().article().id());
    }
}
