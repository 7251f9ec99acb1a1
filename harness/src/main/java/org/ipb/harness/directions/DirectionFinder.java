package org.ipb.harness.directions;

import org.ipb.core.plugin.Plugin;

/**
 * One way of finding directions in a layer's activation space. Adding a method is one class that
 * implements this, plus one line in {@link DirectionFinders}. The method describes itself
 * ({@link #describe}): its default K, its option keys with defaults, what it needs.
 *
 * <p>Implementations must be deterministic given the request's seed, must not modify the input
 * matrix, and must report user errors (impossible K, negative data for NMF) as {@link
 * org.ipb.core.UserError} from {@link #validate} before doing any work.
 */
public interface DirectionFinder extends Plugin {
    /** One line for {@code --help}, with the reference the method follows. */
    default String description() {
        return describe().summary();
    }

    /** K when the request says 0; methods without a natural default require --k. */
    default int defaultK(ActivationMatrix x) {
        throw new org.ipb.core.UserError("method " + name() + " needs --k");
    }

    /**
     * The K a pipeline ({@code ipb candidates}, a benchmark run) fits when the user asked for
     * {@code requested} (0 = not given) on a layer of {@code c} units: the request, else C. The
     * single-unit basis overrides this: it is always C.
     */
    default int pipelineK(int requested, int c) {
        return requested > 0 ? requested : c;
    }

    /**
     * Checks the input and request beyond what {@link DirectionFinding} checks for every method
     * (K ≤ N unless K is the method's default); throws UserError naming the problem.
     */
    default void validate(ActivationMatrix x, DirectionRequest request, int k) {}

    /** Fits K directions; heavy linear algebra goes through {@code numerics}. */
    FitResult fit(ActivationMatrix x, int k, DirectionRequest request, Numerics numerics);
}
