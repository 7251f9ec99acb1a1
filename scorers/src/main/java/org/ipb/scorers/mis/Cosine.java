package org.ipb.scorers.mis;

import java.util.List;

/**
 * Cosine similarity, the similarity of the observer space: the dot product of the two embeddings
 * after each is scaled to unit Euclidean norm.
 *
 * <p>A zero vector has no direction; its similarity to anything is defined here as 0 (it resembles
 * nothing), so that a featureless image (for example a uniform one after a mean-removing observer)
 * does not stop a whole run. Arithmetic is in double.
 */
public final class Cosine {
    private Cosine() {}

    /**
     * cos(a, b) = a·b / (|a| |b|), or 0 when either vector is zero.
     *
     * @throws IllegalArgumentException if the lengths differ or are 0, or a value is not finite
     */
    public static double similarity(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("embedding lengths differ: " + a.length + " vs " + b.length);
        }
        if (a.length == 0) {
            throw new IllegalArgumentException("empty embedding");
        }
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            double x = a[i];
            double y = b[i];
            if (!Double.isFinite(x) || !Double.isFinite(y)) {
                throw new IllegalArgumentException("embedding value " + i + " is not finite");
            }
            dot += x * y;
            na += x * x;
            nb += y * y;
        }
        if (na == 0 || nb == 0) {
            return 0;
        }
        double c = dot / (Math.sqrt(na) * Math.sqrt(nb));
        return Math.max(-1, Math.min(1, c));
    }

    /**
     * s(q, E) = (1/|E|) Σ_{e∈E} cos(q, e), the mean similarity of a query to a reference set.
     *
     * @throws IllegalArgumentException if {@code references} is empty, or as {@link #similarity}
     */
    public static double meanSimilarity(float[] query, List<float[]> references) {
        if (references.isEmpty()) {
            throw new IllegalArgumentException("no references");
        }
        double sum = 0;
        for (float[] e : references) {
            sum += similarity(query, e);
        }
        return sum / references.size();
    }
}
