package org.ipb.harness.bench;

import java.util.List;

/**
 * One pass of one side over the preprocessed images in an {@link InterleavedComparison} (ipb's
 * {@link ReadoutBenchmark}, or PyTorch itself through {@link TorchBaseline}): forward pass plus the
 * spatial means of the layers, per batch.
 *
 * @param runtime "ipb" or "torch"
 * @param version engine version (libtorch under DJL, or Debian's torch)
 * @param capability ATen CPU kernel level as the engine reports it or as the environment pins it
 * @param batchSeconds seconds of each timed batch, warm-up batches excluded
 * @param imagesPerSecond timed images / sum of {@code batchSeconds}
 * @param flopsPerImage forward FLOPs of one image, -1 unknown
 */
public record ForwardTiming(String runtime, String version, String capability, int threads, int interopThreads,
        int images, int batch, int warmup, List<Double> batchSeconds, double imagesPerSecond, long flopsPerImage) {
    public ForwardTiming {
        batchSeconds = List.copyOf(batchSeconds);
    }
}
