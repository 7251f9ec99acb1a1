package org.ipb.scorers.mis;

import java.util.List;
import org.ipb.core.candidates.CandidateDirection;

/**
 * The Interpretability Index of Klindt et al., "Identifying interpretable visual features in
 * artificial and biological neural systems" (arXiv:2310.11431, 2023): how alike a direction's most
 * activating exemplars look to an observer, measured as the mean pairwise cosine similarity of the
 * top M exemplars in the observer space,
 * <pre>
 *   II = (2 / (M (M − 1))) Σ_{i&lt;j} cos(f(x_i), f(x_j)).
 * </pre>
 * Coherent (monosemantic) directions have similar top exemplars and a high index. The observer
 * here is whatever {@link EmbeddingLookup} is given; Klindt et al. used a perceptual-similarity
 * embedding, and the index's scale depends on it.
 */
public final class ExemplarCoherence {
    /** Default number M of top exemplars. */
    public static final int DEFAULT_TOP = 5;

    private ExemplarCoherence() {}

    /**
     * Mean of cos(v_i, v_j) over the pairs i &lt; j.
     *
     * @throws IllegalArgumentException if there are fewer than 2 vectors, or they are malformed
     *     (see {@link Cosine#similarity})
     */
    public static double meanPairwiseCosine(List<float[]> vectors) {
        int n = vectors.size();
        if (n < 2) {
            throw new IllegalArgumentException("need at least 2 vectors for pairwise similarity, got " + n);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                sum += Cosine.similarity(vectors.get(i), vectors.get(j));
            }
        }
        return sum / ((double) n * (n - 1) / 2);
    }

    /** The index over the direction's top {@link #DEFAULT_TOP} exemplars. */
    public static double interpretabilityIndex(CandidateDirection direction, EmbeddingLookup embeddings) {
        return interpretabilityIndex(direction, embeddings, DEFAULT_TOP);
    }

    /**
     * The index over the direction's first {@code m} exemplars of {@link CandidateDirection#top()}
     * (the most activating ones).
     *
     * @throws IllegalArgumentException if {@code m < 2} or the direction has fewer than {@code m}
     *     top exemplars
     */
    public static double interpretabilityIndex(CandidateDirection direction, EmbeddingLookup embeddings, int m) {
        if (m < 2) {
            throw new IllegalArgumentException("m must be at least 2, got " + m);
        }
        if (direction.top().size() < m) {
            throw new IllegalArgumentException("direction " + direction.id() + " has " + direction.top().size()
                    + " top exemplars, fewer than m = " + m);
        }
        return meanPairwiseCosine(direction.top().subList(0, m).stream()
                .map(e -> embeddings.embedding(e.id())).toList());
    }
}
