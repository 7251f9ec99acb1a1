/**
 * {@code ipb run}: the benchmark end to end on one benchmark definition — extraction, candidates
 * for every method and layer, scores, human data when the study database has any, calibration,
 * rows of the leaderboard ({@link org.ipb.leaderboards.run.BenchmarkRun}); and the scoring of one
 * submitted directions file under the same fixed protocol.
 */
package org.ipb.leaderboards.run;
