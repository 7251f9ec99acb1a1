package org.ipb.core.candidates;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * How the tasks of a candidate set were drawn.
 *
 * <p>Two protocols exist (see {@code org.ipb.harness.exemplars.TaskSampler}):
 * <ul>
 *   <li>{@value #IMI2023}: the published one of Zimmermann, Klein &amp; Brendel (NeurIPS 2023,
 *       brendel-group/imi, {@code stimuli_generation/extract_exemplars.py}) that the MIS paper
 *       (Zimmermann, Klindt &amp; Brendel 2024) replays: the {@code kept} (200) most and least
 *       activating stimuli per direction; the references of a side come one from each
 *       {@code referenceRanks / referencesPerSide}-image rank bin of ranks 1-{@code referenceRanks}
 *       (1-180 in bins of 20), the query from ranks {@code referenceRanks + 1}-{@code kept}
 *       (181-200); no image is used in two tasks of a direction;</li>
 *   <li>{@value #QUANTILE}: references and queries drawn uniformly from the top and bottom
 *       {@code quantile} of the stimuli (ipb's first protocol; files without a name are this one).</li>
 * </ul>
 *
 * @param name {@value #IMI2023} or {@value #QUANTILE}
 * @param quantile fraction of the stimuli on each side the tasks draw from ({@code kept / n} for
 *     {@value #IMI2023}), in (0, 0.5]
 * @param referencesPerSide reference images per side of a task (9: a 3x3 grid)
 * @param tasksPerDirection tasks drawn for every direction
 * @param seed master seed; the tasks of direction {@code i} depend only on (seed, i)
 * @param kept stimuli per side the tasks draw from: {@code ceil(quantile * n)}, or the
 *     {@value #IMI2023} extremes (200)
 * @param referenceRanks {@value #IMI2023} only (0 for {@value #QUANTILE}): references come from ranks 1 to this
 *     (180), queries from the ranks after it up to {@code kept}
 */
@JsonPropertyOrder({"name", "quantile", "referencesPerSide", "tasksPerDirection", "seed", "kept", "referenceRanks"})
public record Protocol(String name, double quantile, int referencesPerSide, int tasksPerDirection, long seed, int kept,
        int referenceRanks) {
    public static final String IMI2023 = "imi2023";
    public static final String QUANTILE = "quantile";

    public Protocol {
        if (name == null) {
            name = QUANTILE;
        }
    }

    /** A {@value #QUANTILE} protocol. */
    public Protocol(double quantile, int referencesPerSide, int tasksPerDirection, long seed, int kept) {
        this(QUANTILE, quantile, referencesPerSide, tasksPerDirection, seed, kept, 0);
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isImi2023() {
        return IMI2023.equals(name);
    }
}
