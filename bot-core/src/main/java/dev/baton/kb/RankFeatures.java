package dev.baton.kb;

/**
 * What the ranker knows about one article for one question, all comparable across knowledge bases.
 *
 * @param bestExample cosine of the question to the article's closest example question or title
 * @param centroid cosine to the centre of its example questions
 * @param bestPassage cosine (with the search instruction) to its closest passage of the body
 * @param bm25 its BM25 score divided by the best article's, 0 to 1
 * @param margin how far its meaning score is above the best other article's (negative when below)
 * @param unknownWords the share of the question's words that no article of the knowledge base has (another
 *     company's name, a feature the product does not have); the same for every article of one question
 */
public record RankFeatures(double bestExample, double centroid, double bestPassage, double bm25, double margin,
        double unknownWords) {

    public static final String[] NAMES = {"bestExample", "centroid", "bestPassage", "bm25", "margin",
        "unknownWords"};

    /** The cosine score that ranks before the ranker: closest example and centre, or the closest passage. */
    static double meaning(double bestExample, double centroid, double bestPassage) {
        return Math.max(0.5 * bestExample + 0.5 * centroid, bestPassage);
    }

    public double[] values() {
        return new double[] {bestExample, centroid, bestPassage, bm25, margin, unknownWords};
    }
}
