package org.ipb.harness.bench;

/**
 * What {@link EngineBenchmark} measured for one engine.
 *
 * @param imagesPerSecond images / (forward + reduction + write time)
 * @param endToEndImagesPerSecond images / total time including model load and preprocessing
 * @param matmulGflops median SGEMM throughput of {@code matmulSize}² matrices
 * @param peakRssMiB the benchmark process's peak resident set size
 * @param flopsPerImage forward FLOPs of one image ({@link org.ipb.harness.model.FlopCount}), -1 unknown
 */
public record EngineFigures(String engine, String engineVersion, String device, int images, int layers, int batch,
        double imagesPerSecond, double endToEndImagesPerSecond, int matmulSize, double matmulGflops,
        double peakRssMiB, int cores, long flopsPerImage) {
    /** The same figures with FLOPs counted elsewhere (PyTorch's hooks for a TorchScript model). */
    public EngineFigures withFlops(long flops) {
        return new EngineFigures(engine, engineVersion, device, images, layers, batch, imagesPerSecond,
                endToEndImagesPerSecond, matmulSize, matmulGflops, peakRssMiB, cores, flops);
    }

    /** GFLOP/s the extraction forward passes reached, NaN when the FLOPs are unknown. */
    public double achievedGflops() {
        return flopsPerImage < 0 ? Double.NaN : imagesPerSecond * flopsPerImage / 1e9;
    }

    /** {@link #achievedGflops()} as a fraction of the engine's SGEMM throughput (the bound). */
    public double fractionOfSgemm() {
        return achievedGflops() / matmulGflops;
    }
}
