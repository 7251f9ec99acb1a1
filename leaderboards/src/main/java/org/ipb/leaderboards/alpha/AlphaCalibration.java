package org.ipb.leaderboards.alpha;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.ipb.core.Provenance;
import org.ipb.core.Sha256;
import org.ipb.core.UserError;
import org.ipb.core.candidates.CandidateDirection;
import org.ipb.core.candidates.CandidateSet;
import org.ipb.core.candidates.Task;
import org.ipb.leaderboards.stats.Correlations;
import org.ipb.scorers.mis.AlphaFile;
import org.ipb.scorers.mis.AlphaFit;
import org.ipb.scorers.mis.EmbeddingLookup;
import org.ipb.scorers.mis.MachineInterpretabilityScore;
import org.ipb.study.store.Judgment;
import org.ipb.study.store.StudyLocation;

/**
 * Fits alpha of P(correct) = sigmoid(alpha · delta) for one observer to human responses, as the MIS
 * paper fits its slope to IMI's human data (Zimmermann, Klindt &amp; Brendel 2024).
 *
 * <p>A human main, non-catch trial is matched to the task of its direction whose two queries it
 * showed (in either order); its delta is that task's delta in the observer's embedding. The
 * directions with matched trials are shuffled with the seed and split in half: alpha is the
 * maximum-likelihood fit ({@link AlphaFit}) on the first half's trials; on the held-out half each
 * direction's soft MIS (mean over all its tasks) under that alpha is correlated with its human
 * accuracy, and the held-out trials' log-likelihood is compared with chance (log 1/2).
 *
 * <p>Refused (one-line errors naming the database): no human responses on these tasks (simulated
 * ones are counted and left out), fewer than {@link #MIN_DIRECTIONS} directions with trials, and a
 * fitted alpha that is not positive (the observer's decisions do not predict human correctness).
 */
public final class AlphaCalibration {
    /** Directions with human trials needed (half of them fit alpha, half check it). */
    public static final int MIN_DIRECTIONS = 10;
    /** Upper bound of the fit; separable responses stop here ({@link AlphaFit}). */
    static final double MAX_ALPHA = 1000;

    private AlphaCalibration() {}

    /**
     * The alpha file for {@code observer} from the judgments on the sets' tasks.
     *
     * @param studyDb named in errors and in the file, with its digest {@code studyDbSha256}
     */
    public static AlphaFile fit(List<CandidateSet> sets, List<Judgment> judgments, EmbeddingLookup embeddings,
            String observer, long seed, Path studyDb, String studyDbSha256) {
        Map<String, CandidateDirection> byId = new HashMap<>();
        Map<String, Task> byQueries = new HashMap<>();
        for (CandidateSet s : sets) {
            for (CandidateDirection d : s.directions()) {
                byId.put(d.id(), d);
                for (Task t : d.tasks()) {
                    byQueries.put(key(d.id(), t.maxQuery().id(), t.minQuery().id()), t);
                }
            }
        }
        Map<String, List<double[]>> trials = new TreeMap<>(); // direction -> {delta, correct}
        Map<Task, Double> deltas = new HashMap<>();
        TreeSet<String> participants = new TreeSet<>();
        int simulated = 0;
        int human = 0;
        for (Judgment j : judgments) {
            if (!j.isMainNonCatch() || j.direction() == null || !byId.containsKey(j.direction())) {
                continue;
            }
            if (!j.isHuman()) {
                simulated++;
                continue;
            }
            Task t = byQueries.get(key(j.direction(), j.queryA(), j.queryB()));
            if (t == null) {
                continue; // a trial of this direction that is not one of these tasks
            }
            double delta = deltas.computeIfAbsent(t, x -> MachineInterpretabilityScore.delta(x, embeddings));
            trials.computeIfAbsent(j.direction(), x -> new ArrayList<>()).add(new double[] {delta, j.correct() ? 1 : 0});
            participants.add(j.study() + "/" + j.participant());
            human++;
        }
        if (human == 0) {
            throw new UserError(studyDb, "holds no human responses on the tasks of these candidate sets"
                    + (simulated > 0 ? " (" + simulated + " simulated responses, which never count as human data)" : "")
                    + "; alpha is fitted to human judgments only");
        }
        List<String> dirs = new ArrayList<>(trials.keySet());
        if (dirs.size() < MIN_DIRECTIONS) {
            throw new UserError(studyDb, "human trials cover " + dirs.size() + " directions of these candidate sets;"
                    + " fitting alpha on half and checking it on the other half needs at least " + MIN_DIRECTIONS);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = dirs.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            String tmp = dirs.get(i);
            dirs.set(i, dirs.get(j));
            dirs.set(j, tmp);
        }
        int half = (dirs.size() + 1) / 2;
        List<String> fitDirs = new ArrayList<>(new TreeSet<>(dirs.subList(0, half)));
        List<String> heldDirs = new ArrayList<>(new TreeSet<>(dirs.subList(half, dirs.size())));
        List<double[]> fitTrials = new ArrayList<>();
        fitDirs.forEach(d -> fitTrials.addAll(trials.get(d)));
        double[] delta = new double[fitTrials.size()];
        boolean[] correct = new boolean[fitTrials.size()];
        for (int i = 0; i < delta.length; i++) {
            delta[i] = fitTrials.get(i)[0];
            correct[i] = fitTrials.get(i)[1] > 0;
        }
        AlphaFit.Result fit = AlphaFit.fit(delta, correct, MAX_ALPHA);
        if (!(fit.alpha() > 0)) {
            throw new UserError(studyDb, String.format(java.util.Locale.ROOT, "the maximum-likelihood alpha on %d"
                    + " trials of %d directions is %.4g, not positive: observer %s's similarity margins do not"
                    + " predict human correctness, so no soft MIS is defined for it", delta.length, fitDirs.size(),
                    fit.alpha(), observer));
        }
        MachineInterpretabilityScore soft = new MachineInterpretabilityScore(fit.alpha());
        double[] predicted = new double[heldDirs.size()];
        double[] accuracy = new double[heldDirs.size()];
        double logLik = 0;
        int heldTrials = 0;
        for (int i = 0; i < heldDirs.size(); i++) {
            String d = heldDirs.get(i);
            predicted[i] = soft.soft(MachineInterpretabilityScore.deltas(byId.get(d).tasks(), embeddings)).mis();
            List<double[]> ts = trials.get(d);
            double k = 0;
            for (double[] t : ts) {
                k += t[1];
                double p = soft.probabilityCorrect(t[0]);
                logLik += Math.log(t[1] > 0 ? p : 1 - p);
            }
            accuracy[i] = k / ts.size();
            heldTrials += ts.size();
        }
        AlphaFile.Fit summary = new AlphaFile.Fit(studyDb.toString(), studyDbSha256, seed, human,
                participants.size(), simulated, fitDirs.size(), delta.length, heldDirs.size(), heldTrials,
                Correlations.pearson(predicted, accuracy), Correlations.spearman(predicted, accuracy),
                logLik / heldTrials, Math.log(0.5));
        Map<String, Object> prov = Provenance.run().toMap();
        prov.put("candidateSets", sets.stream().map(s -> s.model() + ":" + s.layer() + ":" + s.method()).toList());
        prov.put("iterations", fit.iterations());
        return new AlphaFile(AlphaFile.KIND, AlphaFile.FORMAT_VERSION, observer, fit.alpha(), fit.standardError(),
                fit.atBound(), summary, prov);
    }

    /**
     * Reads the candidate sets (folders or {@code candidates.json} files) and the human judgments
     * of {@code studyDb}, embeds the sets' images with the observer called {@code observerName}
     * ({@code Observers.named}), fits, and writes the alpha file to {@code out} (atomically).
     */
    public static AlphaFile fitFiles(List<Path> candidates, Path studyDb, String observerName, long seed, Path out) {
        // A file: the fit is provenanced by the digest of its bytes.
        StudyLocation.FileDb location = StudyLocation.file(studyDb);
        if (!location.exists()) {
            throw new UserError(studyDb, "study database not found (H2 adds .mv.db to the name)");
        }
        List<CandidateSet> sets = new ArrayList<>();
        String manifest = null;
        Path first = null;
        for (Path c : candidates) {
            Path file = Files.isDirectory(c) ? c.resolve("candidates.json") : c;
            CandidateSet set = org.ipb.core.candidates.CandidateSets.read(file);
            Path m = set.stimulusManifest();
            if (m == null) {
                throw new UserError(file, "provenance names no stimulus-set manifest; cannot embed its images");
            }
            if (manifest != null && !manifest.equals(m.toString())) {
                throw new UserError(file, "its stimulus set " + m + " differs from " + manifest + " of " + first
                        + "; fit alpha on candidate sets of one stimulus set");
            }
            manifest = m.toString();
            first = first == null ? file : first;
            sets.add(set);
        }
        if (sets.isEmpty()) {
            throw new UserError("--candidates: give at least one candidate set");
        }
        List<Judgment> judgments = new ArrayList<>();
        try (org.ipb.study.store.JudgmentStore store = org.ipb.study.store.JudgmentStore.open(location)) {
            for (String study : store.studies()) {
                judgments.addAll(store.judgments(study));
            }
        }
        AlphaFile a;
        try (var stimuli = org.ipb.manifest.StimulusSets.open(Path.of(manifest));
                var obs = org.ipb.scorers.observers.Observers.named(observerName, stimuli)) {
            a = fit(sets, judgments, obs, obs.name(), seed, studyDb, Sha256.of(location.mvDbFile()));
        }
        org.ipb.core.Json.write(out, a);
        return a;
    }

    /** Direction plus the unordered pair of query ids. */
    private static String key(String direction, String a, String b) {
        return direction + "\u0000" + (a.compareTo(b) <= 0 ? a + "\u0000" + b : b + "\u0000" + a);
    }
}
