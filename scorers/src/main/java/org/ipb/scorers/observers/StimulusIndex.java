package org.ipb.scorers.observers;

import java.util.HashMap;
import java.util.Map;
import org.ipb.manifest.StimulusSet;

/** Stimulus id → index in its set, built from {@link StimulusSet#id(int)} (ids are not parsed). */
final class StimulusIndex {
    private final Map<String, Integer> index;

    StimulusIndex(StimulusSet set) {
        int n = set.size();
        index = new HashMap<>(Math.max(16, n * 4 / 3 + 1));
        for (int i = 0; i < n; i++) {
            index.put(set.id(i), i);
        }
    }

    /** @throws IllegalArgumentException if {@code id} is not in the set */
    int of(String id) {
        Integer i = index.get(id);
        if (i == null) {
            throw new IllegalArgumentException("stimulus " + id + " is not in the stimulus set");
        }
        return i;
    }
}
