package org.ipb.harness.directions;

import java.util.Locale;
import org.ipb.core.UserError;

/** The options of {@link SaeDirections}, parsed, with their defaults and checks. */
record SaeSettings(Sparsity sparsity, int activeK, double lambda, double lr, int epochs, int batch, double tol,
        int resampleEvery, double resampleDensity, double encoderScale, double anneal) {
    static final int DEFAULT_EPOCHS = 30;
    /** The default epochs are raised, when N is small, until training takes this many steps. */
    static final int DEFAULT_MIN_STEPS = 2000;
    static final int DEFAULT_BATCH = 256;
    /** Default lr = this / √C (see {@link SaeDirections}, Training). */
    static final double DEFAULT_LR_SCALE = 0.04;
    static final double DEFAULT_TOL = 1e-4;
    static final double DEFAULT_L1 = 0.1;
    static final int DEFAULT_RESAMPLE_EVERY = 5;
    static final double DEFAULT_RESAMPLE_DENSITY = 0.1;
    static final double DEFAULT_ANNEAL = 0.5;
    static final Sparsity DEFAULT_SPARSITY = Sparsity.TOPK;

    /** The sparsity mechanisms of {@link SaeDirections}, by option value. */
    enum Sparsity {
        TOPK("topk"),
        TOPK_ABS("topk-abs"),
        L1("l1");

        final String option;

        Sparsity(String option) {
            this.option = option;
        }

        static Sparsity parse(String value, String label) {
            for (Sparsity s : values()) {
                if (s.option.equals(value.toLowerCase(Locale.ROOT))) {
                    return s;
                }
            }
            throw new UserError(label + ": sae option sparsity must be topk, topk-abs or l1, got '" + value + "'");
        }
    }

    /** Both top-k modes: a fixed number of latents per sample, no penalty. */
    boolean topk() {
        return sparsity != Sparsity.L1;
    }

    /** Top-k default: an active fraction of 1/16 (see {@link SaeDirections}). */
    static int defaultTopK(int k) {
        return Math.max(1, k / 16);
    }

    /** Adam moves each coordinate by about lr per step, a unit row of C coordinates by about lr·√C. */
    static double defaultLr(int c) {
        return DEFAULT_LR_SCALE / Math.sqrt(Math.max(1, c));
    }

    /** max(30, ⌈2000 / batches per epoch⌉): the optimisation needs steps, not passes over X. */
    static int defaultEpochs(int n, int batch) {
        long perEpoch = (Math.max(1, n) + (long) batch - 1) / Math.max(1, batch);
        return (int) Math.max(DEFAULT_EPOCHS, (DEFAULT_MIN_STEPS + perEpoch - 1) / perEpoch);
    }

    static SaeSettings of(DirectionRequest r, int k, int n, int c, String label) {
        int batch = r.intOption("batch-size", DEFAULT_BATCH);
        Sparsity mode = Sparsity.parse(r.stringOption("sparsity", DEFAULT_SPARSITY.option), label);
        boolean topk = mode != Sparsity.L1;
        return new SaeSettings(mode, r.intOption("topk", defaultTopK(k)), r.doubleOption("l1", DEFAULT_L1),
                r.doubleOption("lr", defaultLr(c)), r.intOption("epochs", defaultEpochs(n, batch)),
                batch, r.doubleOption("tol", DEFAULT_TOL),
                r.intOption("resample-every", DEFAULT_RESAMPLE_EVERY),
                r.doubleOption("resample-density", DEFAULT_RESAMPLE_DENSITY),
                r.doubleOption("resample-encoder-scale", topk ? 1.0 : 0.2),
                r.doubleOption("topk-anneal", DEFAULT_ANNEAL));
    }

    /** Parses and checks the options of {@code request}; the messages name {@code label}. */
    static void check(DirectionRequest request, int k, int n, int c, String label) {
        String l = label + ": sae option ";
        SaeSettings s = of(request, k, n, c, label);
        if (s.epochs < 1) {
            throw new UserError(l + "epochs must be at least 1, got " + s.epochs);
        }
        if (s.batch < 1) {
            throw new UserError(l + "batch-size must be at least 1, got " + s.batch);
        }
        if (!(s.lr > 0)) {
            throw new UserError(l + "lr must be positive, got " + s.lr);
        }
        if (s.tol < 0) {
            throw new UserError(l + "tol must be non-negative, got " + s.tol);
        }
        if (s.resampleEvery < 1) {
            throw new UserError(l + "resample-every must be at least 1, got " + s.resampleEvery);
        }
        if (s.resampleDensity < 0) {
            throw new UserError(l + "resample-density must be non-negative (0 turns resampling off), got "
                    + s.resampleDensity);
        }
        if (!(s.encoderScale > 0)) {
            throw new UserError(l + "resample-encoder-scale must be positive, got " + s.encoderScale);
        }
        if (s.topk()) {
            if (s.activeK < 1 || s.activeK > k) {
                throw new UserError(l + "topk must be between 1 and --k " + k + ", got " + s.activeK);
            }
            if (s.anneal < 0 || s.anneal > 1) {
                throw new UserError(l + "topk-anneal must be between 0 and 1, got " + s.anneal);
            }
            if (request.options().containsKey("l1")) {
                throw new UserError(l + "l1 applies to sparsity=l1, not sparsity=" + s.sparsity.option);
            }
        } else {
            if (s.lambda < 0) {
                throw new UserError(l + "l1 must be non-negative, got " + s.lambda);
            }
            if (request.options().containsKey("topk") || request.options().containsKey("topk-anneal")) {
                throw new UserError(l + "topk and topk-anneal apply to sparsity=topk or topk-abs, not sparsity=l1");
            }
        }
    }
}
