package dev.baton.kb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;

import dev.baton.store.Json;
import dev.baton.store.RedisArticleStore;
import dev.baton.store.RedisArticleVersions;
import dev.baton.store.RedisKeys;
import dev.baton.testing.TestClock;
import dev.baton.testing.TestRedis;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/** Versions, publishing and import against a real Redis; the search index is a stand-in (not what is tested). */
class ArticleEditorTest {
    private final RedisClient redis = TestRedis.newClient();
    private final RedisKeys keys = TestRedis.newKeys();
    private final RedisArticleStore live = new RedisArticleStore(redis, keys, Json.newMapper());
    private final KnowledgeBase knowledgeBase = new KnowledgeBase(live, mock(Retriever.class));
    private final List<String> announced = new ArrayList<>();
    private final TestClock clock = new TestClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final ArticleEditor editor = new ArticleEditor(knowledgeBase,
            new RedisArticleVersions(redis, keys, Json.newMapper()), announced::add, clock);

    @AfterEach
    void cleanUp() {
        TestRedis.clean(redis, keys);
        redis.close();
    }

    private static Article refunds(String body) {
        return new Article("refunds", "Refunds", body, List.of("billing"), "en",
                List.of("Can I get my money back?"));
    }

    private static ArticleInput input(String id, String title, String body, String status) {
        return new ArticleInput(id, title, body, List.of(), "en", List.of(), status);
    }

    @Test
    void a_draft_waits_publishing_goes_live_everywhere_and_archiving_takes_it_away() {
        editor.save(refunds("Draft text."), ArticleStatus.DRAFT, "a1", "Alex");
        assertTrue(live.find("refunds").isEmpty(), "a draft is not answered from");
        assertTrue(announced.isEmpty());

        clock.advance(Duration.ofMinutes(1));
        editor.save(refunds("Refunds take 5 days."), ArticleStatus.PUBLISHED, "a1", "Alex");
        assertEquals("Refunds take 5 days.", live.find("refunds").orElseThrow().body());
        assertEquals(List.of("refunds"), announced, "the other nodes hear of it");

        editor.save(refunds("Refunds take 3 days."), ArticleStatus.DRAFT, "s1", "Sam");
        assertEquals("Refunds take 5 days.", live.find("refunds").orElseThrow().body(),
                "a new draft of a published article leaves customers with the published text");
        var entry = editor.find("refunds").orElseThrow();
        assertEquals(3, entry.versions());
        assertEquals(ArticleStatus.DRAFT, entry.latest().status());
        assertTrue(entry.live());

        editor.save(refunds("Refunds take 3 days."), ArticleStatus.ARCHIVED, "s1", "Sam");
        assertTrue(live.find("refunds").isEmpty());
        assertFalse(knowledgeBase.find("refunds").isPresent());
        assertEquals(List.of("Alex", "Alex", "Sam", "Sam"),
                editor.history("refunds").stream().map(ArticleVersion::editorName).toList());
        assertEquals(List.of(1, 2, 3, 4), editor.history("refunds").stream().map(ArticleVersion::version).toList());
    }

    @Test
    void restoring_an_old_version_saves_it_again_as_the_newest() {
        editor.save(refunds("First."), ArticleStatus.PUBLISHED, "a1", "Alex");
        editor.save(refunds("Second, wrong."), ArticleStatus.PUBLISHED, "a1", "Alex");

        ArticleVersion restored = editor.restore("refunds", 1, "s1", "Sam").orElseThrow();

        assertEquals(3, restored.version());
        assertEquals("First.", live.find("refunds").orElseThrow().body());
        assertEquals("Second, wrong.", editor.version("refunds", 2).orElseThrow().article().body(),
                "history is never rewritten");
        assertTrue(editor.restore("refunds", 9, "s1", "Sam").isEmpty());
    }

    @Test
    void an_invalid_article_is_refused_with_every_problem() {
        var bad = new Article("Bad Id!", " ", "", List.of(), "fr", List.of());

        var refused = assertThrows(IllegalArgumentException.class,
                () -> editor.save(bad, ArticleStatus.PUBLISHED, "a1", "Alex"));

        assertTrue(refused.getMessage().contains("id must be"), refused.getMessage());
        assertTrue(refused.getMessage().contains("title"), refused.getMessage());
        assertTrue(refused.getMessage().contains("body"), refused.getMessage());
        assertTrue(refused.getMessage().contains("language"), refused.getMessage());
        assertTrue(editor.history("Bad Id!").isEmpty());
    }

    @Test
    void an_import_with_a_bad_record_names_it_and_imports_nothing() {
        editor.save(refunds("Kept as it is."), ArticleStatus.PUBLISHED, "a1", "Alex");
        List<ArticleInput> file = new ArrayList<>(List.of(
                input("refunds", "Refunds", "Changed by the import.", null),
                input("points", "", "Points body.", "published"),
                input("tiers", "VIP tiers", "Tiers body.", "secret"),
                input("refunds", "Refunds again", "Twice.", null)));
        file.add(null);

        var refused = assertThrows(ArticleEditor.ImportRefused.class,
                () -> editor.importAll(file, false, "a1", "Alex", done -> { }));

        assertEquals(List.of(1, 2, 3, 4), refused.problems().stream().map(ArticleEditor.Problem::index).toList());
        assertTrue(refused.problems().get(1).message().contains("status is draft, published or archived"));
        assertTrue(refused.problems().get(2).message().contains("more than once"));
        assertEquals("Kept as it is.", live.find("refunds").orElseThrow().body());
        assertEquals(1, editor.history("refunds").size());
        assertTrue(editor.history("points").isEmpty());
    }

    @Test
    void an_import_updates_by_id_as_new_versions_and_replace_archives_what_the_file_leaves_out() {
        editor.save(refunds("Old."), ArticleStatus.PUBLISHED, "a1", "Alex");
        editor.save(new Article("old-faq", "Old FAQ", "Gone soon.", List.of(), "en", List.of()),
                ArticleStatus.PUBLISHED, "a1", "Alex");
        List<Integer> progress = new ArrayList<>();

        var imported = editor.importAll(List.of(input("refunds", "Refunds", "New.", null),
                input("points", "Points", "Earn points.", "draft")), true, "a1", "Alex", progress::add);

        assertEquals(new ArticleEditor.Imported(1, 1, 1), imported);
        assertEquals(List.of(1, 2), progress);
        assertEquals("New.", live.find("refunds").orElseThrow().body());
        assertEquals(2, editor.history("refunds").size());
        assertTrue(live.find("points").isEmpty(), "imported as a draft");
        assertTrue(live.find("old-faq").isEmpty(), "left out of a replacing import: archived");
        assertEquals(ArticleStatus.ARCHIVED, editor.find("old-faq").orElseThrow().latest().status());
        assertEquals(List.of("old-faq", "points", "refunds"),
                editor.exportAll().stream().map(ArticleInput::id).toList());
        assertEquals("draft", editor.exportAll().get(1).status());
    }

    @Test
    void articles_from_before_versioning_get_a_first_version_once() {
        knowledgeBase.save(refunds("From the demo."));

        editor.adoptUnversioned();
        editor.adoptUnversioned();

        assertEquals(1, editor.history("refunds").size());
        assertEquals(ArticleEditor.SYSTEM, editor.history("refunds").get(0).editorId());
        assertTrue(editor.find("refunds").orElseThrow().live());
    }
}
