package org.ipb.leaderboards.replicate;

import java.util.List;
import org.ipb.scorers.mis.Cosine;
import org.ipb.scorers.mis.MachineInterpretabilityScore;

/**
 * The machine observer's decision in one Borowski condition: the hard decision of the MIS observer
 * (Zimmermann, Klindt &amp; Brendel 2024) on observer embeddings, with s(q, E) the mean cosine of
 * query q to references E.
 *
 * <ul>
 *   <li>Min-Max: delta = [s(q+,E+) − s(q+,E−)] − [s(q−,E+) − s(q−,E−)] ({@link
 *       MachineInterpretabilityScore#delta});</li>
 *   <li>Max only: delta = s(q+,E+) − s(q−,E+): with no min references the observer can only ask
 *       which query looks more like the max references;</li>
 *   <li>no references: delta = 0, a tie, so 1/2: the observer has nothing to compare.</li>
 * </ul>
 * References are given most extreme first; a condition with {@code k} references uses the first
 * {@code k} (with 1: the most extreme, see {@link Borowski2021Tasks}). Correct when delta &gt; 0,
 * ties count 1/2 ({@link MachineInterpretabilityScore#hardDecision}).
 */
public final class MachineDecision {
    private MachineDecision() {}

    /**
     * delta of one task under {@code c}.
     *
     * @throws IllegalArgumentException if a side has fewer references than the condition shows
     */
    public static double delta(Borowski2021Condition c, float[] maxQuery, float[] minQuery, List<float[]> maxRefs,
            List<float[]> minRefs) {
        int k = c.references();
        if (k == 0) {
            return 0;
        }
        if (maxRefs.size() < k || (c.minMax() && minRefs.size() < k)) {
            throw new IllegalArgumentException("condition " + c.key() + " shows " + k + " references per side, got "
                    + maxRefs.size() + " max and " + minRefs.size() + " min");
        }
        List<float[]> plus = maxRefs.subList(0, k);
        if (c.minMax()) {
            return MachineInterpretabilityScore.delta(maxQuery, minQuery, plus, minRefs.subList(0, k));
        }
        return Cosine.meanSimilarity(maxQuery, plus) - Cosine.meanSimilarity(minQuery, plus);
    }

    /** 1 if correct, 1/2 on a tie, 0 if wrong. */
    public static double correct(Borowski2021Condition c, float[] maxQuery, float[] minQuery, List<float[]> maxRefs,
            List<float[]> minRefs) {
        return MachineInterpretabilityScore.hardDecision(delta(c, maxQuery, minQuery, maxRefs, minRefs));
    }
}
