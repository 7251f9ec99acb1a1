package org.ipb.leaderboards.stats;

import java.util.Collection;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Human accuracy on one direction: k correct of n trials, accuracy k/n and the Wilson 95 % score
 * interval (Wilson 1927, {@link WilsonInterval}).
 */
public record DirectionAccuracy(String direction, int n, int k, double accuracy, Interval ci95) {

    /** Accuracy and interval of k correct in n trials. */
    public static DirectionAccuracy of(String direction, int n, int k) {
        if (n <= 0 || k < 0 || k > n) {
            throw new IllegalArgumentException("need 0 <= k <= n and n > 0: " + k + "/" + n);
        }
        return new DirectionAccuracy(direction, n, k, (double) k / n, WilsonInterval.of95(k, n));
    }

    /** Per-direction accuracy of a set of trials, keyed and ordered by direction. */
    public static SortedMap<String, DirectionAccuracy> byDirection(Collection<TrialOutcome> trials) {
        SortedMap<String, int[]> counts = new TreeMap<>();
        for (TrialOutcome t : trials) {
            int[] c = counts.computeIfAbsent(t.direction(), d -> new int[2]);
            c[0]++;
            if (t.correct()) {
                c[1]++;
            }
        }
        SortedMap<String, DirectionAccuracy> out = new TreeMap<>();
        counts.forEach((d, c) -> out.put(d, of(d, c[0], c[1])));
        return Collections.unmodifiableSortedMap(out);
    }
}
