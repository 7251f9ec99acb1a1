package org.ipb.leaderboards.board;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ipb.core.Json;
import org.ipb.core.UserError;
import org.ipb.core.candidates.Protocol;
import org.ipb.harness.exemplars.TaskSampler;

/**
 * What a benchmark version measures: the model, its layers, the stimulus set, the methods and how
 * many directions each finds, the 2-AFC task protocol, the scorers with their versions and options,
 * and every seed. A score only compares with scores of the same {@code id} and {@code version};
 * changing anything that changes what a score means makes a new version, and rows of the old one
 * are kept (they carry their version).
 *
 * @param k directions per method and layer (basis: all C units, whatever k says)
 * @param tasks 2-AFC tasks per direction
 * @param protocol task protocol, {@code imi2023} or {@code quantile} (null in v1 files: quantile)
 * @param quantile quantile protocol: tasks draw from the top and bottom {@code quantile} of the
 *     stimuli (null under imi2023)
 * @param extremes imi2023: most/least activating stimuli per direction (null: 200)
 * @param referenceRanks imi2023: references from ranks 1 to this (null: 180)
 * @param references references per side (9, Borowski et al. 2021)
 * @param scorers scorer name -> version the rows were made with
 * @param scorerOptions options every scorer gets (e.g. alpha, ablation-images)
 * @param observer the embedding MIS and coherence use
 * @param directionSeed seed of direction finding
 * @param taskSeed seed of exemplar and task sampling
 * @param bootstrapSeed seed of every bootstrap interval on the board
 * @param methodOptions per method, the direction-finding options the rows were made with (absent:
 *     each method's defaults); a definition pins here what a later default must not change
 */
@JsonPropertyOrder({"kind", "id", "version", "description", "model", "layers", "stimulusSet", "methods", "k", "tasks",
    "protocol", "quantile", "extremes", "referenceRanks", "references", "scorers", "scorerOptions", "observer", "directionSeed", "taskSeed", "bootstrapSeed", "methodOptions"})
public record BenchmarkDefinition(String kind, String id, int version, String description, String model,
        List<String> layers, String stimulusSet, List<String> methods, int k, int tasks, String protocol,
        Double quantile, Integer extremes, Integer referenceRanks, int references, Map<String, String> scorers, Map<String, String> scorerOptions, String observer,
        long directionSeed, long taskSeed, long bootstrapSeed,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Map<String, String>> methodOptions) {
    public static final String KIND = "ipb-benchmark";

    /**
     * The measure a board calibrates against human accuracy and reports per direction: the machine
     * 2-AFC score, as in Zimmermann, Klindt & Brendel 2024 (every benchmark version so far).
     */
    public static final String CALIBRATED_SCORE = "mis";

    public BenchmarkDefinition {
        if (!KIND.equals(kind)) {
            throw new UserError("benchmark definition: kind must be " + KIND + ", got " + kind);
        }
        if (id == null || !id.matches("[a-z0-9][a-z0-9._-]*") || version < 1) {
            throw new UserError("benchmark definition: bad id or version: " + id + " v" + version);
        }
        if (layers.isEmpty() || methods.isEmpty() || k < 1 || tasks < 1 || references < 1) {
            throw new UserError("benchmark definition " + id + ": layers, methods, k, tasks and references must be"
                    + " set");
        }
        if (protocol == null) {
            protocol = Protocol.QUANTILE; // v1 definitions predate named protocols
        }
        if (protocol.equals(Protocol.IMI2023)) {
            if (quantile != null) {
                throw new UserError("benchmark definition " + id + ": quantile does not apply to protocol imi2023");
            }
            extremes = extremes != null ? extremes : TaskSampler.IMI_EXTREMES;
            referenceRanks = referenceRanks != null ? referenceRanks : TaskSampler.IMI_REFERENCE_RANKS;
        } else if (protocol.equals(Protocol.QUANTILE)) {
            if (quantile == null || extremes != null || referenceRanks != null) {
                throw new UserError("benchmark definition " + id + ": protocol quantile needs a quantile and no"
                        + " extremes or referenceRanks");
            }
        } else {
            throw new UserError("benchmark definition " + id + ": unknown protocol '" + protocol + "'; known: "
                    + Protocol.IMI2023 + ", " + Protocol.QUANTILE);
        }
        layers = List.copyOf(layers);
        methods = List.copyOf(methods);
        scorers = Map.copyOf(scorers);
        scorerOptions = Map.copyOf(scorerOptions);
        methodOptions = methodOptions == null ? Map.of() : Map.copyOf(methodOptions);
        for (String m : methodOptions.keySet()) {
            if (!methods.contains(m)) {
                throw new UserError("benchmark definition " + id + ": methodOptions names method '" + m
                        + "', which is not among its methods " + methods);
            }
        }
    }

    /** The direction-finding options of one method (empty: its defaults). */
    public Map<String, String> optionsOf(String method) {
        return methodOptions.getOrDefault(method, Map.of());
    }

    /** A quantile-protocol definition (the v1 layout). */
    public BenchmarkDefinition(String kind, String id, int version, String description, String model,
            List<String> layers, String stimulusSet, List<String> methods, int k, int tasks, double quantile,
            int references, Map<String, String> scorers, Map<String, String> scorerOptions, String observer,
            long directionSeed, long taskSeed, long bootstrapSeed) {
        this(kind, id, version, description, model, layers, stimulusSet, methods, k, tasks, Protocol.QUANTILE,
                quantile, null, null, references, scorers, scorerOptions, observer, directionSeed, taskSeed,
                bootstrapSeed, Map.of());
    }

    /** How tasks are drawn, in words for the board. */
    public String protocolText() {
        if (protocol.equals(Protocol.IMI2023)) {
            return "protocol imi2023 (the " + extremes + " most/least activating stimuli; references one per rank bin"
                    + " of ranks 1-" + referenceRanks + ", queries from ranks " + (referenceRanks + 1) + "-" + extremes
                    + ")";
        }
        return "protocol quantile (top/bottom " + new java.math.BigDecimal(Double.toString(quantile * 100)).stripTrailingZeros().toPlainString() + " %)";
    }

    /** {@code id@version}, as rows name their benchmark. */
    public String key() {
        return id + "@" + version;
    }

    /** Reads a definition file strictly (unknown fields are errors). */
    public static BenchmarkDefinition read(Path file) {
        try {
            return Json.MAPPER.readerFor(BenchmarkDefinition.class)
                    .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(file.toFile());
        } catch (UserError e) {
            throw new UserError(file, e.getMessage());
        } catch (java.io.IOException e) {
            throw new UserError(file, "bad benchmark definition: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }
}
