/** Benchmarks behind {@code ipb bench}: extraction speed per engine, SGEMM speed, peak memory. */
package org.ipb.harness.bench;
