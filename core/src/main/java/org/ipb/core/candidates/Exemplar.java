package org.ipb.core.candidates;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One stimulus shown for a direction.
 *
 * @param id the stimulus id ({@code "<set>:<index as 6 digits>"} for IDX sets, {@code
 *     "<set>:<relative path>"} for image folders), as in the activations' {@code stimuli.csv}
 * @param row row of the activation matrix (= stimulus index in the set the activations came from)
 * @param activation the stimulus' projection on the direction (activations · direction)
 */
@JsonPropertyOrder({"id", "row", "activation"})
public record Exemplar(String id, int row, float activation) {}
