/**
 * Exemplars and 2-AFC trial material for candidate directions: {@link
 * org.ipb.harness.exemplars.ExemplarSelector} streams an activation matrix once and keeps, per
 * direction, the top and bottom quantile of the projections; {@link
 * org.ipb.harness.exemplars.TaskSampler} draws the reference/query tasks of Borowski et al. (2021)
 * from those quantiles; {@link org.ipb.harness.exemplars.ContactSheet} draws a PNG per direction;
 * {@link org.ipb.harness.exemplars.ExemplarPipeline} wires them into a candidate-set folder
 * ({@link org.ipb.core.candidates.CandidateSet}), all or nothing.
 */
package org.ipb.harness.exemplars;
