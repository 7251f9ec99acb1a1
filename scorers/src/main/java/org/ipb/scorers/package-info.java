/**
 * Automated interpretability scores for candidate directions (machine 2-AFC MIS, exemplar coherence, selectivity, ablation importance); filled by later issues.
 */
package org.ipb.scorers;
