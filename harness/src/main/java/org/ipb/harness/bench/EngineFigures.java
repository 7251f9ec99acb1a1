package org.ipb.harness.bench;

/**
 * What {@link EngineBenchmark} measured for one engine.
 *
 * @param imagesPerSecond images / (forward + reduction + write time)
 * @param endToEndImagesPerSecond images / total time including model load and preprocessing
 * @param matmulGflops median SGEMM throughput of {@code matmulSize}² matrices
 * @param peakRssMiB the benchmark process's peak resident set size
 */
public record EngineFigures(String engine, String engineVersion, String device, int images, int layers, int batch,
        double imagesPerSecond, double endToEndImagesPerSecond, int matmulSize, double matmulGflops,
        double peakRssMiB, int cores) {}
