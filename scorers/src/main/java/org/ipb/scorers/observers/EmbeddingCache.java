package org.ipb.scorers.observers;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.ipb.scorers.mis.EmbeddingLookup;

/**
 * An {@link EmbeddingLookup} that computes each stimulus' embedding once and keeps it. Safe for
 * concurrent use: two threads asking for the same new id compute it once (the second waits).
 * {@link #misses()} counts computations and {@link #hits()} lookups answered from the cache.
 * Returned arrays are shared; treat them as read-only.
 */
public final class EmbeddingCache implements EmbeddingLookup {
    private final Function<String, float[]> embedder;
    private final ConcurrentHashMap<String, float[]> cache = new ConcurrentHashMap<>();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    /** @param embedder computes the embedding of a stimulus id; must not return null */
    public EmbeddingCache(Function<String, float[]> embedder) {
        this.embedder = Objects.requireNonNull(embedder, "embedder");
    }

    /**
     * The embedding of {@code id}, computed on first use.
     *
     * @throws IllegalStateException if the embedder returns null
     */
    @Override
    public float[] embedding(String id) {
        Objects.requireNonNull(id, "id");
        float[] cached = cache.get(id);
        if (cached != null) {
            hits.incrementAndGet();
            return cached;
        }
        boolean[] computed = {false};
        float[] e = cache.computeIfAbsent(id, k -> {
            computed[0] = true;
            misses.incrementAndGet();
            float[] v = embedder.apply(k);
            if (v == null) {
                throw new IllegalStateException("embedder returned null for " + k);
            }
            return v;
        });
        if (!computed[0]) {
            hits.incrementAndGet();
        }
        return e;
    }

    /** Lookups answered from the cache. */
    public long hits() {
        return hits.get();
    }

    /** Embeddings computed. */
    public long misses() {
        return misses.get();
    }

    /** Number of cached embeddings. */
    public int size() {
        return cache.size();
    }
}
