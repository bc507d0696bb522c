package dev.baton.kb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
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
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * BM25 over an in-memory Lucene index with one document per article. Each article is analysed in its own language
 * and each question is searched in the language it is written in; titles and example questions weigh more than
 * the body.
 */
public final class LuceneRetriever implements Retriever, AutoCloseable {
    private static final String ID = "id";
    private static final Map<String, Float> FIELD_BOOSTS = Map.of("title", 2f, "examples", 2f, "body", 1f);

    private final TextAnalysis analysis;
    private final IndexWriter writer;
    private final SearcherManager searchers;

    public LuceneRetriever(TextAnalysis analysis) {
        this.analysis = analysis;
        Analyzer perLanguage = new PerFieldAnalyzerWrapper(analysis.analyzer(Language.ENGLISH),
                fieldsOf(Language.JAPANESE, analysis.analyzer(Language.JAPANESE)));
        try {
            this.writer = new IndexWriter(new ByteBuffersDirectory(), new IndexWriterConfig(perLanguage));
            this.searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Analyzer> fieldsOf(String language, Analyzer analyzer) {
        Map<String, Analyzer> fields = new java.util.HashMap<>();
        FIELD_BOOSTS.keySet().forEach(field -> fields.put(field(field, language), analyzer));
        return fields;
    }

    private static String field(String name, String language) {
        return name + "_" + language;
    }

    @Override
    public void index(Article article) {
        Document doc = new Document();
        doc.add(new StringField(ID, article.id(), Field.Store.YES));
        doc.add(new TextField(field("title", article.language()), article.title(), Field.Store.NO));
        doc.add(new TextField(field("body", article.language()), article.body(), Field.Store.NO));
        for (String example : article.examples()) {
            doc.add(new TextField(field("examples", article.language()), example, Field.Store.NO));
        }
        try {
            writer.updateDocument(new Term(ID, article.id()), doc);
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void remove(String articleId) {
        try {
            writer.deleteDocuments(new Term(ID, articleId));
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<Match> search(String question, int limit) {
        String language = Language.detect(question);
        Set<String> terms = analysis.terms(question, language);
        if (terms.isEmpty()) {
            return List.of();
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
                List<Match> matches = new ArrayList<>();
                for (ScoreDoc hit : searcher.search(query.build(), limit).scoreDocs) {
                    matches.add(new Match(searcher.storedFields().document(hit.doc).get(ID), hit.score));
                }
                return matches;
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        searchers.close();
        writer.close();
    }
}
