package org.ipb.harness.directions;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.ipb.core.UserError;

/** Which sparse coder solves the lasso problems of {@link DictionaryDirections}. */
enum LassoSolver {
    /** Cyclic coordinate descent per sample in Java, on the Gram matrix (default). */
    CD("cd"),
    /** FISTA on the whole batch as NDArray products. */
    FISTA("fista");

    final String optionValue;

    LassoSolver(String optionValue) {
        this.optionValue = optionValue;
    }

    static LassoSolver of(DirectionRequest request) {
        String v = request.stringOption("solver", CD.optionValue);
        for (LassoSolver f : values()) {
            if (f.optionValue.equals(v)) {
                return f;
            }
        }
        throw new UserError("option solver must be cd or fista, got '" + v + "'");
    }

    /**
     * Sparse codes of a batch given G = D Dᵀ and X Dᵀ, warm-started from {@code z0} (all zero
     * unless {@code warm}). {@code loss} is Σ_rows (-αᵀDx + 0.5 αᵀGα + λ||α||₁), the penalised
     * loss without its 0.5||x||² term.
     */
    Coding code(NDManager owner, NDArray g, NDArray xdt, float[] z0, boolean warm, int size, int k, double lambda,
            boolean positive, double tol, int maxIter, double[] eigenvector) {
        if (this == FISTA) {
            return FistaLasso.code(owner, g, xdt, z0, size, k, lambda, positive, tol, maxIter, eigenvector);
        }
        return LassoCoordinateDescent.code(owner, g, xdt, z0, warm, size, k, lambda, positive, tol, maxIter);
    }

    /** Codes of a batch (row-major, rows x K), their loss and the solver's effort. */
    record Coding(float[] z, double loss, double iterations, int maxIterations, boolean converged) {}
}
