/**
 * Benchmarks behind {@code ipb bench}: extraction speed per engine, SGEMM speed, peak memory, and
 * direction finding per method and matrix size ({@link org.ipb.harness.bench.DirectionsBenchmark}).
 * The cli commands only parse options, start the child JVMs and print.
 */
package org.ipb.harness.bench;
