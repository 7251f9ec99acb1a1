/**
 * Statistics that put automated interpretability scores next to human 2-AFC accuracy: per-direction
 * accuracy with Wilson intervals, Pearson/Spearman/Kendall correlations with seeded two-level
 * bootstrap intervals, the split-half noise ceiling of the human data (Spearman-Brown corrected),
 * psychometric mappings from scores to P(correct) (logistic with lapse, and the MIS slope) with
 * cross-validation by direction, and reliability diagrams with expected calibration error.
 *
 * <p>Every random choice takes an explicit seed: the same inputs and seed give the same output.
 * Maps keyed by participant or direction are iterated in sorted key order so that results do not
 * depend on hash order.
 */
package org.ipb.leaderboards.stats;
