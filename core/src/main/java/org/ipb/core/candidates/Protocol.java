package org.ipb.core.candidates;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * How the tasks of a candidate set were drawn.
 *
 * @param quantile fraction of the stimuli on each side from which references and queries are
 *     drawn (the top and bottom {@code quantile} of the projections), in (0, 0.5]
 * @param referencesPerSide reference images per side of a task (9: a 3x3 grid)
 * @param tasksPerDirection tasks drawn for every direction
 * @param seed master seed; task {@code t} of direction {@code i} depends only on (seed, i, t)
 * @param kept stimuli per side in the quantile: {@code ceil(quantile * n)}
 */
@JsonPropertyOrder({"quantile", "referencesPerSide", "tasksPerDirection", "seed", "kept"})
public record Protocol(double quantile, int referencesPerSide, int tasksPerDirection, long seed, int kept) {}
