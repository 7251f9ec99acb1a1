package org.ipb.harness.directions;

/** Figures of one full pass of a {@link SparseAutoencoder} over X, on the σ scale. */
final class SaePassStats {
    final double[] firing;
    double residual;
    double total;
    double centred;
    double l1;
    double active;
    long zeros;

    SaePassStats(double[] firing) {
        this.firing = firing;
    }

    double relative() {
        return total > 0 ? SaeDirections.finite(residual / total) : 0;
    }

    double fvu() {
        return centred > 0 ? SaeDirections.finite(residual / centred) : 0;
    }

    int dead() {
        int d = 0;
        for (double f : firing) {
            d += f > 0 ? 0 : 1;
        }
        return d;
    }
}
