package org.ipb.harness.directions;

import java.util.Map;

/**
 * Everything {@code --report} writes about a fit: the method's objective and the figures every
 * method shares, so methods can be compared on one table.
 *
 * @param maxPairwiseCosine largest |cos| between two distinct directions (0 for K = 1)
 * @param signFlips directions whose sign was flipped so that their largest-magnitude
 *     projection is positive
 */
public record DirectionReport(
        String method,
        int n,
        int c,
        int k,
        long seed,
        Map<String, String> options,
        String objectiveName,
        double objective,
        double relativeReconstructionError,
        double codeSparsity,
        int deadDirections,
        double maxPairwiseCosine,
        int signFlips,
        int iterations,
        boolean converged,
        double seconds,
        String numericsEngine,
        String device,
        Map<String, Object> extra) {}
