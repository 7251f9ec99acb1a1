package org.ipb.harness.directions;

import org.ipb.core.plugin.PluginInfo;

import java.util.Map;
import org.ipb.core.UserError;

/** Single units: the identity, K = C. The baseline every superposition method is compared to. */
final class BasisDirections implements DirectionFinder {
    private static final PluginInfo INFO = PluginInfo.of("basis", "single units (the identity, K = C)",
            "K = C (every unit), whatever K a pipeline asks for");

    @Override
    public PluginInfo describe() {
        return INFO;
    }

    @Override
    public int defaultK(ActivationMatrix x) {
        return x.cols();
    }

    @Override
    public int pipelineK(int requested, int c) {
        return c;
    }

    @Override
    public void validate(ActivationMatrix x, DirectionRequest request, int k) {
        if (k != x.cols()) {
            throw new UserError(x.label() + ": method basis gives exactly C = " + x.cols() + " directions, not --k " + k);
        }
    }

    @Override
    public FitResult fit(ActivationMatrix x, int k, DirectionRequest request, Numerics numerics) {
        int c = x.cols();
        float[] d = new float[c * c];
        for (int i = 0; i < c; i++) {
            d[i * c + i] = 1f;
        }
        long zeros = 0;
        int[] nonZero = new int[c];
        for (int i = 0; i < x.data().length; i++) {
            if (x.data()[i] == 0f) {
                zeros++;
            } else {
                nonZero[i % c]++;
            }
        }
        int dead = 0;
        for (int n : nonZero) {
            dead += n == 0 ? 1 : 0;
        }
        // Codes are the activations themselves and reconstruct X exactly.
        return new FitResult(d, c, "none (identity)", 0, 0, (double) zeros / x.data().length, dead, 0, true, Map.of());
    }
}
