package org.ipb.core.candidates;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One candidate direction with its exemplars and tasks.
 *
 * @param id {@code "model:layer:method:index"}
 * @param index row of the direction in the directions file it came from
 * @param top the most activating stimuli, in decreasing activation (ties: lower row first)
 * @param bottom the least activating stimuli, in increasing activation (ties: lower row first)
 * @param tasks {@link Protocol#tasksPerDirection()} tasks, by index
 */
@JsonPropertyOrder({"id", "index", "top", "bottom", "tasks"})
public record CandidateDirection(String id, int index, List<Exemplar> top, List<Exemplar> bottom, List<Task> tasks) {
    public CandidateDirection {
        top = List.copyOf(top);
        bottom = List.copyOf(bottom);
        tasks = List.copyOf(tasks);
    }
}
