package org.ipb.study.design;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ipb.core.UserError;
import org.ipb.core.candidates.CandidateDirection;
import org.ipb.core.candidates.CandidateSet;
import org.ipb.core.candidates.Exemplar;
import org.ipb.core.candidates.SyntheticReferences;
import org.ipb.core.candidates.Task;
import org.ipb.study.store.JudgmentStore;
import org.ipb.study.store.JudgmentStore.PlannedTrial;

/**
 * A 2-AFC study planned from candidate sets, in the paradigm of Borowski et al. 2021 (ICLR,
 * "Exemplary natural images explain CNN activations better than state-of-the-art feature
 * visualization"): 9 max references, 9 min references, and the participant picks which of two
 * queries is the max query.
 *
 * <p>Assignment: every direction gets {@link Options#trialsPerDirection} answers. The answer slots
 * {@code s = d·T + r} (direction d, answer r) go to participant {@code (s + offset) mod P}, so the T
 * answers of a direction come from T different participants whenever {@code T ≤ P} (repeats are only
 * possible, and only allowed, with {@link Options#allowRepeats}) and participant loads differ by at
 * most one. Answer r of a direction shows task {@code r mod tasks}. Each participant's main trials
 * plus catch trials are shuffled (seeded), cut into blocks, and the max query is put left ({@code a})
 * on exactly half of them (±1), in shuffled order.
 *
 * <p>References: a synthetic candidate set (feature visualizations, {@code ipb synthesize}) gives
 * trials with {@code reference = synthetic}; its queries stay natural images, as in Borowski et al.
 * 2021. A study may hold natural and synthetic sets of the same directions; each is a separate
 * study direction for the assignment.
 *
 * <p>Catch trials: {@code round(main · catchPer40 / 40)} per participant, each a task of one of the
 * participant's directions with one max reference (seeded position) replaced by the max query, so the
 * correct answer is shown among the references. Practice trials: the {@link Options#practice}
 * directions whose tasks have the largest mean activation gap (mean max-reference activation minus
 * mean min-reference activation), in block 0; the runner repeats a practice trial until it is
 * answered correctly, at most {@link Options#practiceAttempts} times. Practice trial p attempt a has
 * trial index {@code p·attempts + a}; main trials follow from {@code practice·attempts}.
 */
public final class StudyDesign {
    /** The session key every planned participant gets. */
    public static final String SESSION = "session-1";
    /** The source recorded on planned sessions. */
    public static final String SOURCE = "app";

    /** Design parameters (stored as JSON on the study). */
    public record Options(String name, int participants, int trialsPerDirection, int directionsPerSet,
            int catchPer40, int practice, int practiceAttempts, int blockSize, boolean feedback, boolean allowRepeats,
            long seed) {
        public Options {
            if (name == null || name.isBlank()) {
                throw new UserError("study name must not be empty");
            }
            if (participants < 1) {
                throw new UserError("--participants must be at least 1: " + participants);
            }
            if (trialsPerDirection < 1) {
                throw new UserError("--trials-per-direction must be at least 1: " + trialsPerDirection);
            }
            if (trialsPerDirection > participants && !allowRepeats) {
                throw new UserError("--trials-per-direction " + trialsPerDirection + " exceeds --participants "
                        + participants + ": a participant would see a direction twice (allow with --allow-repeats)");
            }
            if (directionsPerSet < 0 || catchPer40 < 0 || practice < 0) {
                throw new UserError("--directions-per-set, --catch-per-40 and --practice must not be negative");
            }
            if (practiceAttempts < 1 || blockSize < 1) {
                throw new UserError("--practice-attempts and --block must be at least 1");
            }
        }

        /** Defaults: 5 catch trials per 40 main trials, 3 practice trials (3 attempts), blocks of 40. */
        public static Options defaults(String name, int participants, int trialsPerDirection, long seed) {
            return new Options(name, participants, trialsPerDirection, 0, 5, 3, 3, 40, false, false, seed);
        }
    }

    /**
     * One direction of the study with the set it came from; {@code reference} is how its references
     * were made ({@code natural} exemplars, or {@code synthetic} feature visualizations).
     */
    public record Direction(String id, String layer, String method, String reference, List<Task> tasks) {}

    /** The planned study: options, directions, and every participant's trials in order. */
    public record Plan(Options options, List<Direction> directions, List<String> practiceDirections,
            Map<String, List<PlannedTrial>> trials) {}

    private StudyDesign() {}

    /** Participant pseudonym {@code i}, from 1: {@code P01}, {@code P02}, ... */
    public static String participantId(int i, int of) {
        int width = Math.max(2, String.valueOf(of).length());
        return "P" + String.format("%0" + width + "d", i);
    }

    /** Builds the plan (pure: nothing is stored). */
    public static Plan build(List<CandidateSet> sets, Options o) {
        Random rng = new Random(o.seed());
        List<Direction> dirs = new ArrayList<>();
        for (CandidateSet set : sets) {
            List<CandidateDirection> ds = new ArrayList<>(set.directions());
            ds.removeIf(d -> d.tasks().isEmpty());
            if (o.directionsPerSet() > 0 && o.directionsPerSet() < ds.size()) {
                Collections.shuffle(ds, rng);
                ds = new ArrayList<>(ds.subList(0, o.directionsPerSet()));
                ds.sort(Comparator.comparingInt(CandidateDirection::index));
            }
            for (CandidateDirection d : ds) {
                dirs.add(new Direction(d.id(), set.layer(), set.method(), SyntheticReferences.kind(set), d.tasks()));
            }
        }
        if (dirs.isEmpty()) {
            throw new UserError("the candidate sets hold no direction with tasks");
        }
        int p = o.participants();
        int t = o.trialsPerDirection();
        List<List<int[]>> slots = new ArrayList<>(); // per participant: {direction, answer}
        for (int i = 0; i < p; i++) {
            slots.add(new ArrayList<>());
        }
        int offset = rng.nextInt(p);
        for (int d = 0; d < dirs.size(); d++) {
            for (int r = 0; r < t; r++) {
                slots.get((d * t + r + offset) % p).add(new int[] {d, r});
            }
        }
        List<Direction> practiceDirs = new ArrayList<>(dirs);
        practiceDirs.sort(Comparator.comparingDouble(StudyDesign::gap).reversed());
        practiceDirs = practiceDirs.subList(0, Math.min(o.practice(), practiceDirs.size()));

        Map<String, List<PlannedTrial>> trials = new LinkedHashMap<>();
        int base = o.practice() * o.practiceAttempts();
        for (int i = 0; i < p; i++) {
            List<PlannedTrial> list = new ArrayList<>();
            for (int k = 0; k < practiceDirs.size(); k++) {
                Direction d = practiceDirs.get(k);
                list.add(trial(k * o.practiceAttempts(), 0, "practice", false, d, d.tasks().get(0), null,
                        (i + k) % 2 == 0 ? "a" : "b"));
            }
            List<int[]> mine = slots.get(i);
            int nCatch = (int) Math.round(mine.size() * o.catchPer40() / 40.0);
            List<Object[]> items = new ArrayList<>(); // {direction, task, catchPosition or null}
            for (int[] s : mine) {
                Direction d = dirs.get(s[0]);
                items.add(new Object[] {d, d.tasks().get(s[1] % d.tasks().size()), null});
            }
            for (int c = 0; c < nCatch && !mine.isEmpty(); c++) {
                Direction d = dirs.get(mine.get(rng.nextInt(mine.size()))[0]);
                Task task = d.tasks().get(rng.nextInt(d.tasks().size()));
                items.add(new Object[] {d, task, rng.nextInt(task.maxReferences().size())});
            }
            Collections.shuffle(items, rng);
            List<String> sides = new ArrayList<>();
            for (int k = 0; k < items.size(); k++) {
                sides.add(k % 2 == 0 ? "a" : "b");
            }
            Collections.shuffle(sides, rng);
            for (int k = 0; k < items.size(); k++) {
                Object[] it = items.get(k);
                boolean isCatch = it[2] != null;
                list.add(trial(base + k, k / o.blockSize() + 1, isCatch ? "catch" : "main", isCatch,
                        (Direction) it[0], (Task) it[1], (Integer) it[2], sides.get(k)));
            }
            trials.put(participantId(i + 1, p), list);
        }
        return new Plan(o, List.copyOf(dirs), practiceDirs.stream().map(Direction::id).toList(), trials);
    }

    /** Mean over a direction's tasks of (mean max-reference activation − mean min-reference activation). */
    static double gap(Direction d) {
        double sum = 0;
        for (Task t : d.tasks()) {
            sum += mean(t.maxReferences()) - mean(t.minReferences());
        }
        return sum / d.tasks().size();
    }

    private static double mean(List<Exemplar> es) {
        double s = 0;
        for (Exemplar e : es) {
            s += e.activation();
        }
        return es.isEmpty() ? 0 : s / es.size();
    }

    private static PlannedTrial trial(int index, int block, String type, boolean isCatch, Direction d, Task task,
            Integer catchPosition, String maxSide) {
        List<String> maxRefs = new ArrayList<>(task.maxReferences().stream().map(Exemplar::id).toList());
        if (catchPosition != null) {
            maxRefs.set(catchPosition, task.maxQuery().id());
        }
        List<String> minRefs = task.minReferences().stream().map(Exemplar::id).toList();
        String max = task.maxQuery().id();
        String min = task.minQuery().id();
        boolean left = maxSide.equals("a");
        return new PlannedTrial(index, block, type, isCatch, d.id(), d.layer(), "Min-Max-" + maxRefs.size(),
                d.reference(), task.index(), 0, maxRefs, minRefs, left ? max : min, left ? min : max, maxSide);
    }

    /** The design as stored on the study row. */
    public static Map<String, Object> describe(Plan plan) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "ipb-study-design");
        m.put("options", plan.options());
        m.put("directions", plan.directions().stream().map(Direction::id).toList());
        m.put("practiceDirections", plan.practiceDirections());
        m.put("participants", List.copyOf(plan.trials().keySet()));
        return m;
    }

    /** Builds and stores the study without images (one transaction); returns the plan. */
    public static Plan create(JudgmentStore store, List<CandidateSet> sets, Options o) {
        Plan plan = build(sets, o);
        store(store, plan, List.of());
        return plan;
    }

    /** Stores a built plan and the images it shows, in one transaction. */
    public static void store(JudgmentStore store, Plan plan, List<JudgmentStore.StimulusImage> images) {
        String json;
        try {
            json = org.ipb.core.Json.MAPPER.writeValueAsString(describe(plan));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        store.createStudy(plan.options().name(), json, SESSION, SOURCE, plan.trials(), images);
    }

    /** Reads the stored options of a planned study. */
    public static Options options(JudgmentStore store, String study) {
        String json = store.studyDesign(study);
        if (json == null) {
            throw new UserError(store.file(), "study '" + study + "' has no stored design (not made by ipb study"
                    + " create)");
        }
        try {
            return org.ipb.core.Json.MAPPER.treeToValue(org.ipb.core.Json.MAPPER.readTree(json).get("options"),
                    Options.class);
        } catch (java.io.IOException e) {
            throw new UserError(store.file(), "bad study design: " + e.getMessage(), e);
        }
    }
}
