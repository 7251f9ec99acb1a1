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
 *
 *   <li>The participant-level checks of IMI (Zimmermann, Klein &amp; Brendel 2023, NeurIPS, "Scale
 *       alone does not improve mechanistic interpretability in vision models"; their MTurk
 *       verification, brendel-group/imi {@code tools/mturk}, checks catch trials, total response
 *       time, instruction time and demo-trial attempts), each off unless given: <b>time on
 *       instructions</b> (session start to the first trial's onset, at least a minimum), <b>total
 *       time</b> (session start to the last answer, within bounds), <b>practice attempts</b> (the
 *       most attempts any practice trial needed, at most a maximum) and <b>one participation per
 *       person</b> (a pseudonym's sessions after its first, and a person recruited again under
 *       another pseudonym or study, by the hash of their external id, after the first
 *       participation). The time checks need {@link ParticipantFacts}; a participant without
 *       them is kept.
 * </ul>
 *
 * <p>A trial of an excluded participant that also breaks an RT bound carries both reasons.
 */
public final class Exclusions {
    /** The criteria; a null (or false) field disables that criterion. */
    public record Criteria(Double minCatchAccuracy, Double minRtS, Double maxRtS, Double minInstructionS,
            Double minTotalS, Double maxTotalS, Integer maxPracticeAttempts, boolean oneParticipation) {
        /** The defaults: catch-trial accuracy ≥ 0.8, no RT bounds. */
        public static final Criteria DEFAULTS = new Criteria(0.8, null, null);
        /** No exclusion at all. */
        public static final Criteria NONE = new Criteria(null, null, null);

        /** Catch accuracy and RT bounds only. */
        public Criteria(Double minCatchAccuracy, Double minRtS, Double maxRtS) {
            this(minCatchAccuracy, minRtS, maxRtS, null, null, null, null, false);
        }

        public Criteria {
            if (minInstructionS != null && !(minInstructionS >= 0) || minTotalS != null && !(minTotalS >= 0)
                    || maxTotalS != null && !(maxTotalS >= 0)) {
                throw new UserError("time bounds must be non-negative numbers of seconds");
            }
            if (minTotalS != null && maxTotalS != null && minTotalS > maxTotalS) {
                throw new UserError("minimum total time " + minTotalS + " s is above maximum " + maxTotalS + " s");
            }
            if (maxPracticeAttempts != null && maxPracticeAttempts < 1) {
                throw new UserError("maximum practice attempts must be at least 1: " + maxPracticeAttempts);
            }
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
            return minCatchAccuracy == null && minRtS == null && maxRtS == null && minInstructionS == null
                    && minTotalS == null && maxTotalS == null && maxPracticeAttempts == null && !oneParticipation;
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
            if (minInstructionS != null) {
                parts.add("instructions_s >= " + num(minInstructionS));
            }
            if (minTotalS != null) {
                parts.add("session_s >= " + num(minTotalS));
            }
            if (maxTotalS != null) {
                parts.add("session_s <= " + num(maxTotalS));
            }
            if (maxPracticeAttempts != null) {
                parts.add("practice_attempts <= " + maxPracticeAttempts);
            }
            if (oneParticipation) {
                parts.add("one participation per person");
            }
            return parts.isEmpty() ? "none" : String.join(", ", parts);
        }
    }

    /** A participant excluded by a participant-level criterion (catch accuracy, times, attempts, participation). */
    public record ExcludedParticipant(String study, String participant, int catchCorrect, int catchTrials,
            String reason) {
        /** Catch-trial accuracy, NaN without catch trials. */
        public double catchAccuracy() {
            return catchTrials == 0 ? Double.NaN : (double) catchCorrect / catchTrials;
        }
    }

    /**
     * What the participant-level criteria need beyond the judgments, per participant: seconds from
     * session start to the first trial's onset and to the last answer (null when unknown), and the
     * key that identifies the person across pseudonyms (a hash of an external id), or null.
     */
    public record ParticipantFacts(Double instructionS, Double totalS, String personKey) {}

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

    /** Applies the criteria without participant facts; the input order is kept in {@link Result#kept}. */
    public static Result apply(List<Judgment> judgments, Criteria criteria) {
        return apply(judgments, criteria, Map.of());
    }

    /**
     * Applies the criteria; {@code facts} is keyed by {@code study + "\0" + participant} (see {@link
     * #participantKey}). The input order is kept in {@link Result#kept}.
     */
    public static Result apply(List<Judgment> judgments, Criteria criteria, Map<String, ParticipantFacts> facts) {
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
        Map<String, Integer> attempts = practiceAttempts(judgments);
        Map<String, String> laterSessions = criteria.oneParticipation() ? laterParticipations(judgments, facts)
                : Map.of();
        for (var e : catchCounts.entrySet()) {
            List<String> why = new ArrayList<>();
            ParticipantFacts f = facts.get(e.getKey());
            if (f != null && f.instructionS() != null && criteria.minInstructionS() != null
                    && f.instructionS() < criteria.minInstructionS()) {
                why.add(String.format(Locale.ROOT, "instructions %.1f s < %s s", f.instructionS(),
                        num(criteria.minInstructionS())));
            }
            if (f != null && f.totalS() != null && criteria.minTotalS() != null && f.totalS() < criteria.minTotalS()) {
                why.add(String.format(Locale.ROOT, "session %.1f s < %s s", f.totalS(), num(criteria.minTotalS())));
            }
            if (f != null && f.totalS() != null && criteria.maxTotalS() != null && f.totalS() > criteria.maxTotalS()) {
                why.add(String.format(Locale.ROOT, "session %.1f s > %s s", f.totalS(), num(criteria.maxTotalS())));
            }
            Integer a = attempts.get(e.getKey());
            if (a != null && criteria.maxPracticeAttempts() != null && a > criteria.maxPracticeAttempts()) {
                why.add("practice attempts " + a + " > " + criteria.maxPracticeAttempts());
            }
            if (laterSessions.containsKey(e.getKey())) {
                why.add(laterSessions.get(e.getKey()));
            }
            if (why.isEmpty()) {
                continue;
            }
            String reason = String.join("; ", why);
            String before = participantReasons.get(e.getKey());
            int[] c = e.getValue();
            String[] sp = e.getKey().split("\u0000", 2);
            if (before == null) {
                participantReasons.put(e.getKey(), reason);
                excluded.add(new ExcludedParticipant(sp[0], sp[1], c[0], c[1], reason));
            } else {
                participantReasons.put(e.getKey(), before + "; " + reason);
                excluded.replaceAll(x -> x.study().equals(sp[0]) && x.participant().equals(sp[1])
                        ? new ExcludedParticipant(sp[0], sp[1], c[0], c[1], before + "; " + reason) : x);
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

    /**
     * Per participant, the most attempts any practice trial needed: practice answers per practice
     * direction (a repeated practice trial shows the same direction again).
     */
    static Map<String, Integer> practiceAttempts(List<Judgment> judgments) {
        Map<String, Map<String, Integer>> perDirection = new HashMap<>();
        for (Judgment j : judgments) {
            if (j.trialType().equals("practice")) {
                perDirection.computeIfAbsent(participantKey(j), k -> new HashMap<>())
                        .merge(j.session() + "\u0000" + j.direction(), 1, Integer::sum);
            }
        }
        Map<String, Integer> out = new HashMap<>();
        perDirection.forEach((k, m) -> out.put(k, Collections.max(m.values())));
        return out;
    }

    /**
     * Participants that are not a person's first participation: a pseudonym answering in more than
     * one session, or a person key (from {@link ParticipantFacts}) seen under an earlier pseudonym,
     * earlier meaning the earlier first onset.
     */
    static Map<String, String> laterParticipations(List<Judgment> judgments, Map<String, ParticipantFacts> facts) {
        Map<String, java.util.Set<String>> sessions = new LinkedHashMap<>();
        Map<String, java.time.Instant> first = new HashMap<>();
        for (Judgment j : judgments) {
            String k = participantKey(j);
            sessions.computeIfAbsent(k, x -> new java.util.TreeSet<>()).add(j.session());
            if (j.onset() != null) {
                first.merge(k, j.onset(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        Map<String, String> out = new HashMap<>();
        sessions.forEach((k, s) -> {
            if (s.size() > 1) {
                out.put(k, "participated in " + s.size() + " sessions");
            }
        });
        Map<String, List<String>> byPerson = new HashMap<>();
        for (String k : sessions.keySet()) {
            ParticipantFacts f = facts.get(k);
            if (f != null && f.personKey() != null) {
                byPerson.computeIfAbsent(f.personKey(), x -> new ArrayList<>()).add(k);
            }
        }
        for (List<String> ks : byPerson.values()) {
            if (ks.size() < 2) {
                continue;
            }
            ks.sort(java.util.Comparator.comparing((String k) -> first.getOrDefault(k, java.time.Instant.MAX))
                    .thenComparing(k -> k));
            for (int i = 1; i < ks.size(); i++) {
                out.merge(ks.get(i), "same person as " + display(ks.get(0)) + " (participation " + (i + 1) + " of "
                        + ks.size() + ")", (a, b) -> a + "; " + b);
            }
        }
        return out;
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
