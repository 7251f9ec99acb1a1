package org.ipb.core.plugin;

/** What a plugin needs from the pipeline besides its main input. */
public enum Need {
    /** The stimulus labels (selectivity, linear probes). */
    LABELS,
    /** An observer embedding of the stimulus images (machine 2-AFC, exemplar coherence). */
    OBSERVER,
    /** The model itself, to run forward passes (ablation). */
    MODEL
}
