package org.ipb.harness.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * Single-precision matrix multiply throughput of an engine: the machine's speed as the engine
 * sees it, printed next to extraction speed so figures from different machines can be compared.
 */
public final class MatmulBenchmark {
    private MatmulBenchmark() {}

    /** Median GFLOP/s of {@code repeats} n x n SGEMMs (2 n^3 flops each) after two warm-ups. */
    public static double gflops(Engine engine, Device device, int n, int repeats) {
        try (NDManager m = engine.newBaseManager(device)) {
            engine.setRandomSeed(0);
            NDArray a = m.randomUniform(-1f, 1f, new Shape(n, n));
            NDArray b = m.randomUniform(-1f, 1f, new Shape(n, n));
            double[] seconds = new double[repeats];
            for (int i = -2; i < repeats; i++) {
                long t0 = System.nanoTime();
                try (NDArray c = a.matMul(b)) {
                    // Reading one element forces the (possibly asynchronous) engine to finish.
                    c.get(0, 0).getFloat();
                }
                if (i >= 0) {
                    seconds[i] = (System.nanoTime() - t0) / 1e9;
                }
            }
            Arrays.sort(seconds);
            return 2.0 * n * n * n / seconds[repeats / 2] / 1e9;
        }
    }
}
