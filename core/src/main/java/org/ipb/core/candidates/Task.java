package org.ipb.core.candidates;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One 2-AFC trial (Borowski et al. 2021): given the max references and the min references, which
 * of the two queries is the max query? No stimulus appears twice within a task.
 *
 * @param index task number within its direction, from 0
 * @param maxReferences references from the top quantile, in decreasing activation (ties: lower
 *     row first), as a 3x3 grid shows them row by row
 * @param minReferences references from the bottom quantile, in increasing activation (ties: lower
 *     row first)
 * @param maxQuery the correct answer, from the top quantile
 * @param minQuery the distractor, from the bottom quantile
 */
@JsonPropertyOrder({"index", "maxReferences", "minReferences", "maxQuery", "minQuery"})
public record Task(int index, List<Exemplar> maxReferences, List<Exemplar> minReferences, Exemplar maxQuery,
        Exemplar minQuery) {
    public Task {
        maxReferences = List.copyOf(maxReferences);
        minReferences = List.copyOf(minReferences);
    }
}
