package org.ipb.harness.directions;

import java.util.Map;

/**
 * What a {@link DirectionFinder} computed, before the common post-processing (unit norm, sign,
 * pairwise cosines) that {@link DirectionFinding} applies to every method alike.
 *
 * @param directions K x C, row-major; rows need not be unit-norm or signed yet
 * @param objectiveName what {@code objective} measures, e.g. "explained variance ratio"
 * @param objective the method's own objective at the end of fitting (as scikit-learn reports it
 *     where there is an equivalent, so the two can be compared)
 * @param relativeReconstructionError ||X - X̂||²_F / ||X||²_F for the method's reconstruction
 *     (PCA/ICA: of the centred data)
 * @param codeSparsity fraction of code entries that are exactly zero
 * @param deadDirections directions whose code is zero on every stimulus (or empty clusters)
 * @param iterations iterations (epochs for sae and dict) run
 * @param converged whether the stopping tolerance was met before the iteration cap
 * @param extra method-specific figures for the report
 */
public record FitResult(
        float[] directions,
        int k,
        String objectiveName,
        double objective,
        double relativeReconstructionError,
        double codeSparsity,
        int deadDirections,
        int iterations,
        boolean converged,
        Map<String, Object> extra) {

    public FitResult {
        // Insertion order is kept so that reports list figures the same way in every run.
        extra = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extra));
    }
}
