package org.ipb.harness.exemplars;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import org.ipb.core.Provenance;
import org.ipb.core.Sha256;
import org.ipb.core.StagedOutput;
import org.ipb.core.UserError;
import org.ipb.core.candidates.CandidateDirection;
import org.ipb.core.candidates.CandidateSet;
import org.ipb.core.candidates.CandidateSets;
import org.ipb.core.candidates.Exemplar;
import org.ipb.core.candidates.Protocol;
import org.ipb.harness.directions.Numerics;
import org.ipb.manifest.ManifestFile;
import org.ipb.manifest.Manifests;
import org.ipb.manifest.StimulusSet;
import org.ipb.manifest.StimulusSetManifest;
import org.ipb.manifest.StimulusSets;

/**
 * {@code ipb exemplars}: from an activation matrix and a set of directions to a candidate-set
 * folder: {@code candidates.json} (see {@link CandidateSet}) and {@code sheets/<method>-<index
 * as 4 digits>.png} ({@link ContactSheet}).
 *
 * <p>Every argument, name, shape, id list and the stimulus set are checked before the activations
 * are streamed ({@link ExemplarSelector}); the folder is staged and appears only complete ({@link
 * StagedOutput}). Tasks follow {@link TaskSampler}; the exemplar lists hold the {@code top} most
 * and least activating stimuli per direction.
 */
public final class ExemplarPipeline {
    public static final String CANDIDATES_FILE = "candidates.json";
    public static final String SHEETS_FOLDER = "sheets";

    private final int blockRows;

    public ExemplarPipeline() {
        this(ExemplarSelector.DEFAULT_BLOCK_ROWS);
    }

    ExemplarPipeline(int blockRows) {
        this.blockRows = blockRows;
    }

    public ExemplarResult run(ExemplarRequest req) {
        long t0 = System.nanoTime();
        int[] shape = ExemplarSelector.activationShape(req.activations());
        int n = shape[0];
        DirectionMatrix d = DirectionMatrix.load(req.directions());
        if (req.isImi2023()) {
            ExemplarSelector.validateImi2023(req.activations(), shape, d, req.extremes(), req.referenceRanks(),
                    req.references(), req.tasks());
        } else {
            ExemplarSelector.validate(req.activations(), shape, d, req.quantile(), req.references());
        }
        if (req.tasks() < 1) {
            throw new UserError("tasks per direction must be at least 1, got " + req.tasks());
        }
        if (req.top() < 1) {
            throw new UserError("exemplars per side must be at least 1, got " + req.top());
        }
        if (req.sheets() < ExemplarRequest.ALL_SHEETS) {
            throw new UserError("sheets must be a count >= 0 or all, got " + req.sheets());
        }
        int sheets = req.sheets() == ExemplarRequest.ALL_SHEETS ? d.k() : Math.min(req.sheets(), d.k());
        ExemplarInputs in = ExemplarInputs.resolve(req, n, sheets > 0);
        ManifestFile<StimulusSetManifest> mf = null;
        if (in.stimulusManifest() != null) {
            mf = Manifests.readStimulusSet(in.stimulusManifest());
            if (sheets > 0) {
                mf.verifySha256();
            }
        }
        try (StimulusSet set = mf == null ? null : StimulusSets.open(mf)) {
            String[] ids = checkIds(in, set, n, req.activations());
            String setName = set != null ? set.manifest().name() : in.stimulusSetName() != null
                    ? in.stimulusSetName() : setNameFromIds(ids, req.activations());
            if (req.isImi2023()) {
                String problem = TaskSampler.checkImi2023(n, req.extremes(), req.referenceRanks(), req.references(),
                        req.tasks());
                if (problem != null) {
                    throw new UserError(req.activations(), "stimulus set " + setName + " " + problem);
                }
            }
            return work(req, d, n, shape[1], in, mf, set, ids, setName, sheets, t0);
        }
    }

    private ExemplarResult work(ExemplarRequest req, DirectionMatrix d, int n, int c, ExemplarInputs in,
            ManifestFile<StimulusSetManifest> mf, StimulusSet set, String[] ids, String setName, int sheets, long t0) {
        int kept = req.isImi2023() ? req.extremes() : ExemplarSelector.kept(req.quantile(), n);
        int top = Math.min(req.top(), kept);
        String xSha = Sha256.of(req.activations());
        String dSha = Sha256.of(req.directions());
        try (Numerics nx = Numerics.open("PyTorch"); StagedOutput out = StagedOutput.begin(req.out())) {
            long s0 = System.nanoTime();
            Selection sel = new ExemplarSelector(blockRows).select(req.activations(), d, kept, nx);
            double selectSeconds = seconds(s0);

            long s1 = System.nanoTime();
            IntFunction<String> id = row -> ids[row];
            TaskSampler sampler = req.isImi2023()
                    ? TaskSampler.imi2023(req.references(), req.tasks(), req.referenceRanks(), req.seed())
                    : new TaskSampler(req.references(), req.tasks(), req.seed());
            List<CandidateDirection> dirs = new ArrayList<>(d.k());
            for (int j = 0; j < d.k(); j++) {
                dirs.add(new CandidateDirection(CandidateSet.directionId(in.model(), in.layer(), in.method(), j), j,
                        exemplars(sel, j, top, true, id), exemplars(sel, j, top, false, id), sampler.sample(sel, j, id)));
            }
            double sampleSeconds = seconds(s1);

            long s2 = System.nanoTime();
            if (sheets > 0) {
                Path folder = out.file(SHEETS_FOLDER);
                Files.createDirectories(folder);
                int perSide = Math.min(ContactSheet.PER_SIDE, kept);
                for (int j = 0; j < sheets; j++) {
                    var image = ContactSheet.render(dirs.get(j).id(), exemplars(sel, j, perSide, true, id),
                            exemplars(sel, j, perSide, false, id), set::raw);
                    ContactSheet.write(folder.resolve(sheetName(in.method(), j)), image);
                }
            }
            double sheetSeconds = seconds(s2);

            Map<String, Object> prov = Provenance.run().toMap();
            prov.put("activations", file(req.activations(), xSha, List.of(n, c)));
            prov.put("directions", file(req.directions(), dSha, List.of(d.k(), c)));
            Map<String, Object> stim = new LinkedHashMap<>();
            stim.put("name", setName);
            stim.put("manifest", mf == null ? null : mf.file().toAbsolutePath().normalize().toString());
            // The ids file beside the activations; null when the ids came from the stimulus set itself
            // (activations computed outside ipb): scorers then read labels from the manifest.
            stim.put("ids", in.stimuliCsv() != null ? in.stimuliCsv().toString() : null);
            prov.put("stimulusSet", stim);
            prov.put("sidecar", in.sidecar() == null ? null : in.sidecar().toString());
            prov.put("report", in.report() == null ? null : in.report().toString());
            prov.put("seed", req.seed());
            prov.put("numerics", Map.of("engine", nx.engineName(), "device", nx.device()));
            prov.put("blockRows", blockRows);
            double total = seconds(t0);
            prov.put("timings", timings(selectSeconds, sampleSeconds, sheetSeconds, total));
            CandidateSet cs = new CandidateSet(CandidateSet.KIND, CandidateSet.FORMAT_VERSION, in.model(), in.layer(),
                    in.method(), setName, n, c, d.k(),
                    protocol(req, n, kept), dirs, prov);
            CandidateSets.write(out.file(CANDIDATES_FILE), cs);
            out.commit();
            Path folder = out.target();
            return new ExemplarResult(folder, folder.resolve(CANDIDATES_FILE), in.model(), in.layer(), in.method(),
                    setName, n, c, d.k(), kept, req.tasks(), sheets, selectSeconds, sampleSeconds, sheetSeconds,
                    seconds(t0));
        } catch (java.io.IOException e) {
            throw new UserError(req.out(), "cannot write: " + e.getMessage(), e);
        }
    }

    private static Protocol protocol(ExemplarRequest req, int n, int kept) {
        return req.isImi2023()
                ? new Protocol(Protocol.IMI2023, kept / (double) n, req.references(), req.tasks(), req.seed(), kept,
                        req.referenceRanks())
                : new Protocol(req.quantile(), req.references(), req.tasks(), req.seed(), kept);
    }

    /** {@code <method>-<index as 4 digits>.png}. */
    public static String sheetName(String method, int index) {
        return String.format(Locale.ROOT, "%s-%04d.png", method, index);
    }

    /** The first {@code count} exemplars of a side, most extreme first. */
    static List<Exemplar> exemplars(Selection sel, int d, int count, boolean top, IntFunction<String> ids) {
        List<Exemplar> out = new ArrayList<>(count);
        for (int r = 0; r < count; r++) {
            out.add(top ? TaskSampler.top(sel, d, r, ids) : TaskSampler.bottom(sel, d, r, ids));
        }
        return out;
    }

    /** Ids by row from stimuli.csv (checked against the set when both exist) or from the set. */
    private static String[] checkIds(ExemplarInputs in, StimulusSet set, int n, Path x) {
        String[] ids = in.ids();
        if (set == null) {
            return ids; // resolve() guarantees ids then
        }
        if (ids == null) {
            if (set.size() != n) {
                throw new UserError(x + ": has " + n + " rows but stimulus set " + set.manifest().name() + " ("
                        + in.stimulusManifest() + ") has " + set.size() + " images, and there is no stimuli.csv beside it"
                        + " to say which rows are which");
            }
            ids = new String[n];
            for (int i = 0; i < n; i++) {
                ids[i] = set.id(i);
            }
            return ids;
        }
        if (set.size() < n) {
            throw new UserError(x + ": has " + n + " rows but stimulus set " + set.manifest().name() + " ("
                    + in.stimulusManifest() + ") has only " + set.size() + " images");
        }
        for (int i = 0; i < n; i++) {
            if (!ids[i].equals(set.id(i))) {
                throw new UserError(in.stimuliCsv(), "row " + i + " is " + ids[i] + " but stimulus set "
                        + in.stimulusManifest() + " has " + set.id(i) + " at index " + i
                        + "; pass the --dataset the activations were extracted from");
            }
        }
        return ids;
    }

    private static String setNameFromIds(String[] ids, Path x) {
        int colon = ids[0].indexOf(':');
        if (colon <= 0) {
            throw new UserError(x + ": stimulus set name unknown (no sidecar, no --dataset, and id '" + ids[0]
                    + "' has no set prefix); pass --dataset");
        }
        return ids[0].substring(0, colon);
    }

    private static Map<String, Object> file(Path p, String sha, List<Integer> shape) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", p.toAbsolutePath().normalize().toString());
        m.put("sha256", sha);
        m.put("shape", shape);
        return m;
    }

    private static Map<String, Object> timings(double select, double sample, double sheets, double total) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("selectSeconds", select);
        m.put("sampleSeconds", sample);
        m.put("sheetSeconds", sheets);
        m.put("totalSeconds", total);
        return m;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
