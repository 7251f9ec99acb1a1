package org.ipb.scorers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ipb.core.Json;
import org.ipb.core.UserError;
import org.ipb.core.candidates.CandidateSet;
import org.ipb.harness.directions.ActivationMatrix;
import org.ipb.harness.directions.Numerics;
import org.ipb.scorers.mis.EmbeddingLookup;

/**
 * What scorers read, loaded lazily and once: the candidate set, the observer's embeddings, the
 * projections of the activations on the directions and the stimulus labels (the last two from
 * the files the candidate set's provenance names).
 */
public final class ScoringContext {
    private final Path candidatesFile;
    private final CandidateSet candidates;
    private final EmbeddingLookup embeddings;
    private final Map<String, String> options;
    private final Path outputDir;
    private float[] projections;
    private int[] labels;
    private final java.util.SortedMap<String, Double> outputs = new java.util.TreeMap<>();

    /**
     * @param embeddings observer embeddings, or null when no scorer needs them
     * @param outputDir where scorers put figures beside the table (ablation curves), or null
     */
    public ScoringContext(Path candidatesFile, CandidateSet candidates, EmbeddingLookup embeddings,
            Map<String, String> options, Path outputDir) {
        this.candidatesFile = candidatesFile;
        this.outputDir = outputDir;
        this.candidates = candidates;
        this.embeddings = embeddings;
        this.options = Map.copyOf(options);
    }

    /** Folder for figures that accompany the scores, or null. */
    public Path outputDir() {
        return outputDir;
    }

    public CandidateSet candidates() {
        return candidates;
    }

    public Path candidatesFile() {
        return candidatesFile;
    }

    /** Observer embeddings by stimulus id; null when no observer was given. */
    public EmbeddingLookup embeddings() {
        if (embeddings == null) {
            throw new UserError(candidatesFile + ": this scorer needs an observer (--observer)");
        }
        return embeddings;
    }

    /**
     * The observer's name ({@code Observer.name()}), which an alpha must have been fitted for; the
     * lookup's class name when it is not a named observer (test lookups).
     */
    public String observerName() {
        EmbeddingLookup e = embeddings();
        return e instanceof org.ipb.scorers.observers.Observer o ? o.name() : e.getClass().getName();
    }

    /** An option's raw value, or null when not given. */
    public String option(String name) {
        return options.get(name);
    }

    public double doubleOption(String name, double defaultValue) {
        String v = options.get(name);
        try {
            return v == null ? defaultValue : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new UserError("option " + name + " must be a number, got '" + v + "'");
        }
    }

    public int intOption(String name, int defaultValue) {
        String v = options.get(name);
        try {
            return v == null ? defaultValue : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new UserError("option " + name + " must be an integer, got '" + v + "'");
        }
    }

    /** {@code true} or {@code false} (any case); anything else is a user error. */
    public boolean booleanOption(String name, boolean defaultValue) {
        String v = options.get(name);
        if (v == null) {
            return defaultValue;
        }
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new UserError("option " + name + " must be true or false, got '" + v + "'");
    }

    /**
     * Records a typed extra output of {@code scorer} (e.g. the ablation AUC) under
     * {@code <scorer>.<key>}; the scorer must declare the key in its description.
     */
    public synchronized void report(Scorer scorer, String key, double value) {
        if (!scorer.describe().declaresOutput(key)) {
            throw new IllegalStateException(scorer.name() + " reports output " + key + ", which it does not declare");
        }
        outputs.put(scorer.name() + "." + key, value);
    }

    /** The extra outputs the scorers reported, by {@code <scorer>.<key>}. */
    public synchronized java.util.SortedMap<String, Double> outputs() {
        return java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(outputs));
    }

    /** Number of stimuli the activations cover. */
    public int n() {
        return candidates.n();
    }

    /**
     * Projections of the activations on the directions, N x K row-major: direction k's value
     * for stimulus i is {@code [i * K + k]}. Computed once with an NDArray product.
     */
    public synchronized float[] projections() {
        if (projections == null) {
            Path x = provenancePath("activations", "file");
            Path d = provenancePath("directions", "file");
            ActivationMatrix acts = ActivationMatrix.load(x);
            ActivationMatrix dirs = ActivationMatrix.load(d);
            if (dirs.cols() != acts.cols() || dirs.rows() != candidates.k()) {
                throw new UserError(d + ": directions are " + dirs.rows() + " x " + dirs.cols() + " but " + candidatesFile
                        + " expects " + candidates.k() + " x " + acts.cols());
            }
            try (Numerics nx = Numerics.open("PyTorch"); NDManager m = nx.manager().newSubManager()) {
                NDArray p = Numerics.matrix(m, acts).matMul(Numerics.matrix(m, dirs).transpose());
                projections = p.toFloatArray();
            }
        }
        return projections;
    }

    /** The K projections of direction {@code k}, one per stimulus. */
    public float[] projection(int k) {
        float[] p = projections();
        int kk = candidates.k();
        float[] out = new float[n()];
        for (int i = 0; i < out.length; i++) {
            out[i] = p[i * kk + k];
        }
        return out;
    }

    /**
     * Class labels of the stimuli, from {@code stimuli.csv} beside the activations, or, where the
     * activations came without one (computed outside ipb, ids taken from the stimulus set), from
     * the stimulus set the candidate set names.
     */
    public synchronized int[] labels() {
        if (labels == null && !Json.MAPPER.valueToTree(candidates.provenance()).path("stimulusSet").path("ids")
                .isTextual()) {
            labels = labelsFromStimulusSet();
        }
        if (labels == null) {
            Path csv = provenancePath("stimulusSet", "ids");
            try {
                List<String> lines = Files.readAllLines(csv);
                int[] y = new int[lines.size() - 1];
                for (int i = 1; i < lines.size(); i++) {
                    String line = lines.get(i);
                    y[i - 1] = Integer.parseInt(line.substring(line.lastIndexOf(',') + 1).strip());
                    if (y[i - 1] < 0) {
                        throw new UserError(csv + ": stimulus " + (i - 1) + " has no label; selectivity needs labels");
                    }
                }
                if (y.length != n()) {
                    throw new UserError(csv + ": " + y.length + " stimuli, candidate set has " + n());
                }
                labels = y;
            } catch (IOException | NumberFormatException | StringIndexOutOfBoundsException e) {
                throw new UserError(csv + ": cannot read labels: " + e.getMessage());
            }
        }
        return labels;
    }

    private int[] labelsFromStimulusSet() {
        Path manifest = provenancePath("stimulusSet", "manifest");
        try (org.ipb.manifest.StimulusSet set = org.ipb.manifest.StimulusSets.open(
                org.ipb.manifest.Manifests.readStimulusSet(manifest))) {
            if (set.size() < n()) {
                throw new UserError(manifest + ": " + set.size() + " stimuli, candidate set " + candidatesFile + " has "
                        + n());
            }
            int[] y = new int[n()];
            for (int i = 0; i < y.length; i++) {
                y[i] = set.label(i);
                if (y[i] < 0) {
                    throw new UserError(manifest + ": stimulus " + i + " has no label; selectivity needs labels");
                }
            }
            return y;
        }
    }

    /** A file named by the candidate set's provenance ({@code section.key}, or {@code section} when key is empty); it must exist. */
    Path provenancePath(String section, String key) {
        JsonNode p = Json.MAPPER.valueToTree(candidates.provenance());
        JsonNode v = key.isEmpty() ? p.path(section) : p.path(section).path(key);
        if (!v.isTextual()) {
            throw new UserError(candidatesFile + ": provenance has no " + section + (key.isEmpty() ? "" : "." + key));
        }
        Path f = Path.of(v.asText());
        if (!Files.isRegularFile(f)) {
            throw new UserError(f + ": file not found (named in " + candidatesFile + ")");
        }
        return f;
    }

}
