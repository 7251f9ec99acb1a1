/**
 * The benchmark behind {@code ipb bench scorers}: an observer's first embedding pass and the
 * machine scores' time on cached embeddings ({@link org.ipb.scorers.bench.ScorerBenchmark}).
 */
package org.ipb.scorers.bench;
