/**
 * Benchmarks behind {@code ipb bench}: extraction speed per engine, SGEMM speed, peak memory,
 * direction finding per method and matrix size ({@link org.ipb.harness.bench.DirectionsBenchmark}),
 * and recovery of planted features in superposition per method ({@link
 * org.ipb.harness.bench.PlantedRecoveryBenchmark}), and a TorchScript model's read-out against
 * PyTorch itself on the same images ({@link org.ipb.harness.bench.InterleavedComparison}).
 * The cli commands only parse options, start the child JVMs and print.
 */
package org.ipb.harness.bench;
