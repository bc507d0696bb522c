package dev.baton.server.eval;

import dev.baton.kb.EmbeddingCache;
import java.nio.file.Path;

/** Where the eval commands keep embeddings between runs: the given file, or one per model under ~/.cache/baton. */
final class EmbeddingCacheFiles {
    private EmbeddingCacheFiles() {}

    static EmbeddingCache open(Path given, String modelId) {
        return new FileEmbeddingCache(given != null ? given
                : Path.of(System.getProperty("user.home"), ".cache", "baton", "embeddings-" + modelId + ".bin"));
    }
}
