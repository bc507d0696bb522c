package dev.baton.server.eval;

import dev.baton.kb.EmbeddingCache;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Embeddings in a local file, so running an evaluation again does not embed thousands of examples again. An
 * append-only file of (key, vector) records; a torn last record (a run killed while writing) is ignored.
 */
final class FileEmbeddingCache implements EmbeddingCache {
    private final Path file;
    private final Map<String, float[]> vectors = new HashMap<>();

    FileEmbeddingCache(Path file) {
        this.file = file;
        if (Files.exists(file)) {
            load();
        }
    }

    private void load() {
        long complete = 0;
        try (var in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            while (true) {
                String key = in.readUTF();
                float[] vector = new float[in.readInt()];
                for (int i = 0; i < vector.length; i++) {
                    vector[i] = in.readFloat();
                }
                vectors.put(key, vector);
                // Keys are hex, so their modified UTF-8 is one byte a character.
                complete += 2 + key.length() + 4 + 4L * vector.length;
            }
        } catch (EOFException endOfFile) {
            // done, or a torn last record
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Cut a torn last record off, so that what the next run appends lines up again.
        try (var channel = java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE)) {
            if (channel.size() > complete) {
                channel.truncate(complete);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized Map<String, float[]> getAll(Collection<String> keys) {
        Map<String, float[]> found = new HashMap<>();
        for (String key : keys) {
            float[] vector = vectors.get(key);
            if (vector != null) {
                found.put(key, vector);
            }
        }
        return found;
    }

    @Override
    public synchronized void putAll(Map<String, float[]> fresh) {
        vectors.putAll(fresh);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (var out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND)))) {
                for (var entry : fresh.entrySet()) {
                    out.writeUTF(entry.getKey());
                    out.writeInt(entry.getValue().length);
                    for (float x : entry.getValue()) {
                        out.writeFloat(x);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
