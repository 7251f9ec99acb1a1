package org.ipb.harness.bench;

import java.util.List;

/**
 * One engine's read-out speed on the same preprocessed images ({@link ReadoutBenchmark} for ipb,
 * {@link TorchBaseline} for PyTorch itself): forward pass plus the spatial means of the layers.
 *
 * @param runtime "ipb" or "torch"
 * @param version engine version (libtorch under DJL, or Debian's torch)
 * @param capability ATen CPU kernel level as the engine reports it or as the environment pins it
 * @param batchSeconds seconds of each timed batch, warm-up batches excluded
 * @param imagesPerSecond timed images / sum of {@code batchSeconds}
 * @param flopsPerImage forward FLOPs of one image, -1 unknown
 * @param eagerImagesPerSecond the eager torchvision model's speed, NaN when not measured
 */
public record ForwardTiming(String runtime, String version, String capability, int threads, int interopThreads,
        int images, int batch, int warmup, List<Double> batchSeconds, double imagesPerSecond, long flopsPerImage,
        double eagerImagesPerSecond) {
    public ForwardTiming {
        batchSeconds = List.copyOf(batchSeconds);
    }
}
