/**
 * Automated interpretability scores for candidate directions. Present: class selectivity
 * ({@link org.ipb.scorers.selectivity}, behind {@code ipb selectivity}) and sparsity ({@link
 * org.ipb.scorers.sparsity}). Still to come with issue 4: the scorer registry over candidate
 * sets, observers with an embedding cache, the machine 2-AFC score (MIS), exemplar coherence and
 * ablation.
 */
package org.ipb.scorers;
