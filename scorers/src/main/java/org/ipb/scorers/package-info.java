/**
 * Automated interpretability scores for candidate directions. Present: class selectivity
 * ({@link org.ipb.scorers.selectivity}, behind {@code ipb selectivity}), sparsity ({@link
 * org.ipb.scorers.sparsity}), the machine 2-AFC score and exemplar coherence as functions of
 * observer embeddings ({@link org.ipb.scorers.mis}) and the pixel observer with its embedding
 * cache ({@link org.ipb.scorers.observers}). Still to come with issue 4: the scorer registry over
 * candidate sets, network observers, ablation and {@code ipb score}.
 */
package org.ipb.scorers;
