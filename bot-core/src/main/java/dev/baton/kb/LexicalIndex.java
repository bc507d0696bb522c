package dev.baton.kb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.spell.DirectSpellChecker;
import org.apache.lucene.search.spell.SuggestMode;
import org.apache.lucene.search.spell.SuggestWord;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * The word side of retrieval: BM25 over an in-memory Lucene index with one document per article, each analysed in
 * its own language (English with stemming, Japanese through kuromoji), titles and example questions weighing more
 * than the body. It also tells how much of a question an article covers, word for word, which is the confidence
 * for languages the embedding model does not know.
 */
final class LexicalIndex implements AutoCloseable {
    private static final String ID = "id";
    private static final Map<String, Float> FIELD_BOOSTS = Map.of("title", 2f, "examples", 2f, "body", 1f);
    private static final int MAX_ARTICLE_TERMS = 100_000;
    /** Every word of the English articles as written (lower case, not stemmed), for spelling suggestions. */
    private static final String WORDS = "words";

    private final TextAnalysis analysis;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    /** Each article's language and every term it has, for {@link #coverage}. */
    private record Vocabulary(String language, Set<String> terms) {}

    private final Map<String, Vocabulary> vocabularies = new ConcurrentHashMap<>();

    LexicalIndex(TextAnalysis analysis) {
        this.analysis = analysis;
        Map<String, Analyzer> japaneseFields = new HashMap<>();
        FIELD_BOOSTS.keySet().forEach(name -> japaneseFields.put(field(name, Language.JAPANESE),
                analysis.analyzer(Language.JAPANESE)));
        japaneseFields.put(WORDS, new StandardAnalyzer(CharArraySet.EMPTY_SET));
        Analyzer perLanguage = new PerFieldAnalyzerWrapper(analysis.analyzer(Language.ENGLISH), japaneseFields);
        try {
            this.writer = new IndexWriter(new ByteBuffersDirectory(), new IndexWriterConfig(perLanguage));
            this.searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String field(String name, String language) {
        return name + "_" + language;
    }

    void index(List<Article> articles) {
        try {
            for (Article article : articles) {
                writer.updateDocument(new Term(ID, article.id()), document(article));
                vocabularies.put(article.id(), new Vocabulary(article.language(), analysis.terms(
                        article.title() + "\n" + String.join("\n", article.examples()) + "\n" + article.body(),
                        article.language(), MAX_ARTICLE_TERMS)));
            }
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Document document(Article article) {
        Document doc = new Document();
        doc.add(new StringField(ID, article.id(), Field.Store.YES));
        doc.add(new TextField(field("title", article.language()), article.title(), Field.Store.NO));
        doc.add(new TextField(field("body", article.language()), article.body(), Field.Store.NO));
        for (String example : article.examples()) {
            doc.add(new TextField(field("examples", article.language()), example, Field.Store.NO));
        }
        if (Language.ENGLISH.equals(article.language())) {
            doc.add(new TextField(WORDS, article.title() + "\n" + String.join("\n", article.examples()) + "\n"
                    + article.body(), Field.Store.NO));
        }
        return doc;
    }

    void remove(String articleId) {
        try {
            writer.deleteDocuments(new Term(ID, articleId));
            vocabularies.remove(articleId);
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** BM25 scores of the best {@code limit} articles in {@code language}, by article id. */
    Map<String, Double> scores(String question, String language, int limit) {
        Set<String> terms = analysis.terms(question, language);
        Map<String, Double> scores = new HashMap<>();
        if (terms.isEmpty()) {
            return scores;
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        for (String term : terms) {
            FIELD_BOOSTS.forEach((name, boost) -> query.add(
                    new BoostQuery(new TermQuery(new Term(field(name, language), term)), boost),
                    BooleanClause.Occur.SHOULD));
        }
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                for (ScoreDoc hit : searcher.search(query.build(), limit).scoreDocs) {
                    scores.put(searcher.storedFields().document(hit.doc).get(ID), (double) hit.score);
                }
                return scores;
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The word of the English articles closest in spelling to {@code word} (lower case), or null when an article
     * has the word itself or none is close: one edit (a letter added, dropped, changed, or two swapped) with the
     * first letter kept, which is how people mistype; two edits already turn real words into others ("passcode"
     * into "postcode").
     */
    String spellingInArticles(String word) {
        DirectSpellChecker checker = new DirectSpellChecker();
        checker.setMaxEdits(1);
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                SuggestWord[] suggestions = checker.suggestSimilar(new Term(WORDS, word), 1,
                        searcher.getIndexReader(), SuggestMode.SUGGEST_WHEN_NOT_IN_INDEX);
                return suggestions.length == 0 ? null : suggestions[0].string;
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The share of the question's terms that no article in {@code language} has; 0 for a question without terms. */
    double unknownShare(String question, String language) {
        Set<String> asked = analysis.terms(question, language);
        if (asked.isEmpty()) {
            return 0;
        }
        List<Set<String>> sameLanguage = vocabularies.values().stream()
                .filter(v -> v.language().equals(language)).map(Vocabulary::terms).toList();
        long unknown = asked.stream().filter(term -> sameLanguage.stream().noneMatch(t -> t.contains(term))).count();
        return unknown / (double) asked.size();
    }

    /**
     * How much of the question the article has, 0 to 1: the question's terms found in the article, each weighted
     * by how rare it is among the articles of its language. A word no article has (アラーム in a loyalty-app
     * knowledge base) weighs most, so a question about something else scores low even when its common words
     * (設定, 分) are everywhere.
     */
    double coverage(String question, String language, String articleId) {
        Set<String> asked = analysis.terms(question, language);
        Vocabulary article = vocabularies.get(articleId);
        if (asked.isEmpty() || article == null) {
            return 0;
        }
        List<Set<String>> sameLanguage = vocabularies.values().stream()
                .filter(v -> v.language().equals(language)).map(Vocabulary::terms).toList();
        double found = 0;
        double total = 0;
        for (String term : asked) {
            long documentFrequency = sameLanguage.stream().filter(terms -> terms.contains(term)).count();
            double weight = Math.log(1 + (sameLanguage.size() + 1) / (documentFrequency + 0.5));
            total += weight;
            if (article.terms().contains(term)) {
                found += weight;
            }
        }
        return found / total;
    }

    @Override
    public void close() throws IOException {
        searchers.close();
        writer.close();
    }
}
