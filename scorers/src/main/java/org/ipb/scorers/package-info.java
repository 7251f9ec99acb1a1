/**
 * Automated interpretability scores for candidate directions. Each {@link org.ipb.scorers.Scorer}
 * is registered by name in {@link org.ipb.scorers.Scorers}, reads a candidate set through a
 * {@link org.ipb.scorers.ScoringContext} and returns one {@link org.ipb.scorers.ScoreRow} per
 * direction and measure. The formulas live in {@link org.ipb.scorers.mis}, {@link
 * org.ipb.scorers.selectivity} and {@link org.ipb.scorers.sparsity}; observers in {@link
 * org.ipb.scorers.observers}. Ablation runs the model and lives in {@code org.ipb.harness.ablation}.
 */
package org.ipb.scorers;
