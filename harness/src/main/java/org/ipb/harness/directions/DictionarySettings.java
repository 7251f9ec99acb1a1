package org.ipb.harness.directions;

import org.ipb.core.UserError;

/**
 * The options of {@link DictionaryDirections}, parsed, with their defaults and checks (λ, which
 * depends on the data, is worked out by the finder).
 */
record DictionarySettings(int batchSize, int epochs, double tol, double codeTol, int codeMaxIter, int block,
        boolean positive, Forgetting forgetting, LassoSolver solver, double rho) {
    static final int DEFAULT_BATCH_SIZE = 256;
    static final int DEFAULT_EPOCHS = 10;
    static final double DEFAULT_ALPHA_SCALE = 0.1;
    static final double DEFAULT_TOL = 1e-4;
    static final double DEFAULT_RHO = 10;
    static final double DEFAULT_CODE_TOL = 1e-4;
    static final int DEFAULT_CODE_MAX_ITER = 1000;
    /** Atoms updated sequentially in Java between two NDArray corrections of the residual. */
    static final int DEFAULT_BCD_BLOCK = 64;

    /** The options of {@code request}; the batch size is not yet capped at N. */
    static DictionarySettings of(DirectionRequest request) {
        return new DictionarySettings(request.intOption("batch-size", DEFAULT_BATCH_SIZE),
                request.intOption("max-iter", DEFAULT_EPOCHS), request.doubleOption("tol", DEFAULT_TOL),
                request.doubleOption("code-tol", DEFAULT_CODE_TOL),
                request.intOption("code-max-iter", DEFAULT_CODE_MAX_ITER),
                request.intOption("bcd-block", DEFAULT_BCD_BLOCK), request.flag("positive", false),
                Forgetting.of(request), LassoSolver.of(request), request.doubleOption("rho", DEFAULT_RHO));
    }

    /** Throws a {@link UserError} for the first option of {@code request} that is out of range. */
    static void check(DirectionRequest request) {
        positive(request, "batch-size", DEFAULT_BATCH_SIZE);
        positive(request, "max-iter", DEFAULT_EPOCHS);
        positive(request, "code-max-iter", DEFAULT_CODE_MAX_ITER);
        positive(request, "bcd-block", DEFAULT_BCD_BLOCK);
        for (String name : new String[] {"alpha", "alpha-scale", "tol", "code-tol"}) {
            if (request.doubleOption(name, 0) < 0) {
                throw new UserError("option " + name + " must be non-negative, got " + request.doubleOption(name, 0));
            }
        }
        request.flag("positive", false);
        Forgetting.of(request);
        LassoSolver.of(request);
        if (request.doubleOption("rho", DEFAULT_RHO) < 0) {
            throw new UserError("option rho must be non-negative, got " + request.doubleOption("rho", 0));
        }
    }

    private static void positive(DirectionRequest request, String name, int defaultValue) {
        int v = request.intOption(name, defaultValue);
        if (v < 1) {
            throw new UserError("option " + name + " must be at least 1, got " + v);
        }
    }

    /** How the sufficient statistics A and B forget the codes of earlier batches. */
    enum Forgetting {
        /** β_t = (1 - 1/t)^ρ (JMLR §3.4, scaling the past): batch s weighs about (s/t)^ρ in A_t. */
        PAST("past"),
        /** β = (θ + 1 - η)/(θ + 1) (the mini-batch rescaling; scikit-learn's choice). */
        MINIBATCH("minibatch"),
        /** β = 1: plain sums, Algorithm 1 as printed. */
        NONE("none");

        final String optionValue;

        Forgetting(String optionValue) {
            this.optionValue = optionValue;
        }

        static Forgetting of(DirectionRequest request) {
            String v = request.stringOption("forgetting", PAST.optionValue);
            for (Forgetting f : values()) {
                if (f.optionValue.equals(v)) {
                    return f;
                }
            }
            throw new UserError("option forgetting must be past, minibatch or none, got '" + v + "'");
        }

        /** The factor applied to A and B before adding batch {@code t} (counted from 1). */
        double beta(long t, int batchSize, double rho) {
            switch (this) {
                case PAST:
                    return Math.pow(1 - 1.0 / t, rho);
                case MINIBATCH:
                    double theta = t < batchSize ? (double) t * batchSize
                            : (double) batchSize * batchSize + t - batchSize;
                    return (theta + 1 - batchSize) / (theta + 1);
                default:
                    return 1;
            }
        }
    }
}
