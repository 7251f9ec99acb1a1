package org.ipb.study.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ipb.core.UserError;
import org.ipb.study.store.Judgment;

/**
 * Exclusion criteria for human judgments, applied before analysis.
 *
 * <ul>
 *   <li><b>Catch-trial accuracy</b> (per participant, default minimum 0.8): a participant whose
 *       accuracy over their catch trials is below the minimum is excluded with all of their
 *       trials. Catch trials are the non-practice trials marked {@code is_catch} or of type {@code
 *       catch}; RT bounds do not change which catch trials count. Participants without any catch
 *       trial cannot be judged and are <em>kept</em>; {@link Result#withoutCatchTrials} names them.
 *   <li><b>Response-time bounds</b> (per trial, default none): a trial whose {@code rt_s} is below
 *       the minimum or above the maximum (both inclusive bounds) is dropped. Trials without a
 *       recorded response time are kept.
 * </ul>
 *
 * <p>A trial of an excluded participant that also breaks an RT bound carries both reasons.
 */
public final class Exclusions {
    /** The criteria; a null field disables that criterion. */
    public record Criteria(Double minCatchAccuracy, Double minRtS, Double maxRtS) {
        /** The defaults: catch-trial accuracy ≥ 0.8, no RT bounds. */
        public static final Criteria DEFAULTS = new Criteria(0.8, null, null);
        /** No exclusion at all. */
        public static final Criteria NONE = new Criteria(null, null, null);

        public Criteria {
            if (minCatchAccuracy != null && !(minCatchAccuracy >= 0 && minCatchAccuracy <= 1)) {
                throw new UserError("minimum catch-trial accuracy must be between 0 and 1: " + minCatchAccuracy);
            }
            if (minRtS != null && minRtS.isNaN() || maxRtS != null && maxRtS.isNaN()) {
                throw new UserError("RT bounds must be numbers");
            }
            if (minRtS != null && maxRtS != null && minRtS > maxRtS) {
                throw new UserError("minimum RT " + minRtS + " s is above maximum RT " + maxRtS + " s");
            }
        }

        /** True when no criterion is active. */
        public boolean isNone() {
            return minCatchAccuracy == null && minRtS == null && maxRtS == null;
        }

        /** A one-line description, e.g. {@code catch accuracy >= 0.8, rt_s in [0.2, 10]}. */
        public String describe() {
            List<String> parts = new ArrayList<>();
            if (minCatchAccuracy != null) {
                parts.add("catch accuracy >= " + num(minCatchAccuracy));
            }
            if (minRtS != null) {
                parts.add("rt_s >= " + num(minRtS));
            }
            if (maxRtS != null) {
                parts.add("rt_s <= " + num(maxRtS));
            }
            return parts.isEmpty() ? "none" : String.join(", ", parts);
        }
    }

    /** A participant excluded by catch-trial accuracy. */
    public record ExcludedParticipant(String study, String participant, int catchCorrect, int catchTrials,
            String reason) {
        public double catchAccuracy() {
            return (double) catchCorrect / catchTrials;
        }
    }

    /** A trial dropped by the RT bounds (whatever its participant's fate). */
    public record DroppedTrial(Judgment judgment, String reason) {}

    /** The outcome of {@link #apply}. */
    public record Result(Criteria criteria, int participants, List<ExcludedParticipant> excludedParticipants,
            List<String> withoutCatchTrials, List<DroppedTrial> droppedByRt, List<Judgment> kept,
            Map<String, String> reasons) {
        /** Why this judgment is excluded, or null when it is kept. */
        public String reason(Judgment j) {
            return reasons.get(trialKey(j));
        }

        /** True when this judgment is excluded. */
        public boolean excluded(Judgment j) {
            return reasons.containsKey(trialKey(j));
        }

        /** Number of excluded trials (by participant or by RT). */
        public int excludedTrials() {
            return reasons.size();
        }
    }

    private Exclusions() {}

    /** True for the trials that count towards catch-trial accuracy. */
    public static boolean isCatch(Judgment j) {
        return !j.trialType().equals("practice") && (j.catchTrial() || j.trialType().equals("catch"));
    }

    /** Applies the criteria; the input order is kept in {@link Result#kept}. */
    public static Result apply(List<Judgment> judgments, Criteria criteria) {
        Map<String, int[]> catchCounts = new LinkedHashMap<>();
        for (Judgment j : judgments) {
            int[] c = catchCounts.computeIfAbsent(participantKey(j), k -> new int[2]);
            if (isCatch(j)) {
                c[0] += j.correct() ? 1 : 0;
                c[1]++;
            }
        }
        Map<String, String> participantReasons = new HashMap<>();
        List<ExcludedParticipant> excluded = new ArrayList<>();
        List<String> withoutCatch = new ArrayList<>();
        for (var e : catchCounts.entrySet()) {
            int[] c = e.getValue();
            if (c[1] == 0) {
                withoutCatch.add(display(e.getKey()));
                continue;
            }
            Double min = criteria.minCatchAccuracy();
            // compare counts, not a rounded quotient: 4/5 against 0.8 must pass
            if (min != null && c[0] < min * c[1] - 1e-9) {
                String reason = String.format(Locale.ROOT, "catch accuracy %.3f (%d/%d) < %s", (double) c[0] / c[1],
                        c[0], c[1], num(min));
                participantReasons.put(e.getKey(), reason);
                String[] sp = e.getKey().split("\u0000", 2);
                excluded.add(new ExcludedParticipant(sp[0], sp[1], c[0], c[1], reason));
            }
        }
        Map<String, String> reasons = new HashMap<>();
        List<DroppedTrial> dropped = new ArrayList<>();
        List<Judgment> kept = new ArrayList<>();
        for (Judgment j : judgments) {
            String pr = participantReasons.get(participantKey(j));
            String rr = rtReason(j, criteria);
            if (rr != null) {
                dropped.add(new DroppedTrial(j, rr));
            }
            String reason = pr == null ? rr : rr == null ? pr : pr + "; " + rr;
            if (reason == null) {
                kept.add(j);
            } else {
                reasons.put(trialKey(j), reason);
            }
        }
        return new Result(criteria, catchCounts.size(), Collections.unmodifiableList(excluded),
                Collections.unmodifiableList(withoutCatch), Collections.unmodifiableList(dropped),
                Collections.unmodifiableList(kept), Collections.unmodifiableMap(reasons));
    }

    private static String rtReason(Judgment j, Criteria c) {
        Double rt = j.rtS();
        if (rt == null || rt.isNaN()) {
            return null;
        }
        if (c.minRtS() != null && rt < c.minRtS()) {
            return "rt " + num(rt) + " s < " + num(c.minRtS()) + " s";
        }
        if (c.maxRtS() != null && rt > c.maxRtS()) {
            return "rt " + num(rt) + " s > " + num(c.maxRtS()) + " s";
        }
        return null;
    }

    static String participantKey(Judgment j) {
        return j.study() + "\u0000" + j.participant();
    }

    static String trialKey(Judgment j) {
        return j.study() + "\u0000" + j.participant() + "\u0000" + j.session() + "\u0000" + j.trialIndex();
    }

    private static String display(String participantKey) {
        return participantKey.replace('\u0000', '/');
    }

    static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
