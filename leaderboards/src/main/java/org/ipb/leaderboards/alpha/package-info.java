/**
 * Fitting the soft MIS slope alpha of one observer to human 2-AFC responses ({@code ipb mis
 * fit-alpha}): human trials are matched to the candidate sets' tasks, alpha is fitted by maximum
 * likelihood on a random half of the directions and checked on the other half, and the result is
 * an {@link org.ipb.scorers.mis.AlphaFile} that the {@code mis} scorer accepts for that observer
 * only. Responses of simulated participants never enter the fit.
 */
package org.ipb.leaderboards.alpha;
