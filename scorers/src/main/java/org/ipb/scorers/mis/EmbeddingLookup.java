package org.ipb.scorers.mis;

import java.util.Map;
import java.util.Objects;

/**
 * The observer embedding of a stimulus, looked up by stimulus id. Implementations must return the
 * same vector for the same id; callers treat the returned array as read-only.
 */
@FunctionalInterface
public interface EmbeddingLookup {
    /**
     * Embedding of stimulus {@code id}.
     *
     * @throws IllegalArgumentException if the id is unknown
     */
    float[] embedding(String id);

    /** A lookup into a fixed map (not copied); unknown ids throw {@link IllegalArgumentException}. */
    static EmbeddingLookup of(Map<String, float[]> embeddings) {
        Objects.requireNonNull(embeddings, "embeddings");
        return id -> {
            float[] e = embeddings.get(id);
            if (e == null) {
                throw new IllegalArgumentException("no embedding for stimulus " + id);
            }
            return e;
        };
    }
}
