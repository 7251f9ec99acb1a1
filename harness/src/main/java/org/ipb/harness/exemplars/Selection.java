package org.ipb.harness.exemplars;

/**
 * For each of K directions, the {@code kept} most and {@code kept} least activating rows of an
 * N x C activation matrix with their projections. Direction {@code d}'s entries occupy {@code
 * [d * kept, (d + 1) * kept)} of each array. The top side is sorted by decreasing projection, the
 * bottom side by increasing projection; ties are broken by the lower row first on both sides.
 */
public record Selection(int n, int c, int k, int kept, int[] topRows, float[] topValues, int[] bottomRows,
        float[] bottomValues) {
    public Selection {
        long size = (long) k * kept;
        if (topRows.length != size || topValues.length != size || bottomRows.length != size
                || bottomValues.length != size) {
            throw new IllegalArgumentException("selection arrays must hold k * kept = " + size + " entries");
        }
    }

    /** Row of the {@code rank}-th most activating stimulus of direction {@code d} (rank 0 = the top one). */
    public int topRow(int d, int rank) {
        return topRows[at(d, rank)];
    }

    public float topValue(int d, int rank) {
        return topValues[at(d, rank)];
    }

    /** Row of the {@code rank}-th least activating stimulus of direction {@code d} (rank 0 = the lowest). */
    public int bottomRow(int d, int rank) {
        return bottomRows[at(d, rank)];
    }

    public float bottomValue(int d, int rank) {
        return bottomValues[at(d, rank)];
    }

    private int at(int d, int rank) {
        if (d < 0 || d >= k || rank < 0 || rank >= kept) {
            throw new IndexOutOfBoundsException("direction " + d + " rank " + rank + " (k " + k + ", kept " + kept + ")");
        }
        return d * kept + rank;
    }
}
