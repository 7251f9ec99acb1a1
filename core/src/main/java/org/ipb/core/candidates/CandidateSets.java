package org.ipb.core.candidates;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.ipb.core.Json;
import org.ipb.core.UserError;

/**
 * Reads and writes candidate-set files.
 *
 * <p>Reading is strict: unknown or missing fields, nulls, numbers given as strings or fractions
 * where integers belong, trailing content, a wrong {@code kind} or {@code formatVersion}, and
 * inconsistent contents (task sizes, ordering, rows out of range, an image twice in one task)
 * are each a one-line {@link UserError} naming the file and the JSON path. Writing checks the
 * same rules (a violation there is a bug, not a user error) and is atomic ({@link Json#write}).
 */
public final class CandidateSets {
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    private CandidateSets() {}

    /** Writes {@code set} as pretty JSON via a temporary file and an atomic rename. */
    public static void write(Path file, CandidateSet set) {
        String problem = problem(set);
        if (problem != null) {
            throw new IllegalArgumentException("invalid candidate set for " + file + ": " + problem);
        }
        Json.write(file, set);
    }

    /** Reads and checks a candidate-set file; every problem is a {@link UserError} naming {@code file}. */
    public static CandidateSet read(Path file) {
        CandidateSet set;
        try {
            set = STRICT.treeToValue(upgrade(STRICT.readTree(Files.readAllBytes(file))), CandidateSet.class);
        } catch (NoSuchFileException e) {
            throw new UserError(file, "file not found");
        } catch (JsonProcessingException e) {
            throw new UserError(file, "not a valid candidate set: " + describe(e), e);
        } catch (IOException e) {
            throw new UserError(file, "cannot read: " + e.getMessage(), e);
        }
        if (set == null) {
            throw new UserError(file, "not a valid candidate set: the file holds JSON null");
        }
        String problem = problem(set);
        if (problem != null) {
            throw new UserError(file, problem);
        }
        return set;
    }

    /**
     * Format 1 predates named protocols: its protocol is the quantile one, so it reads as format 2
     * with {@code name = quantile} and {@code referenceRanks = 0}. Anything else is left as it is.
     */
    private static com.fasterxml.jackson.databind.JsonNode upgrade(com.fasterxml.jackson.databind.JsonNode root) {
        if (root instanceof com.fasterxml.jackson.databind.node.ObjectNode o && o.path("formatVersion").isInt()
                && o.path("formatVersion").intValue() == 1
                && o.path("protocol") instanceof com.fasterxml.jackson.databind.node.ObjectNode p && !p.has("name")
                && !p.has("referenceRanks")) {
            p.put("name", Protocol.QUANTILE);
            p.put("referenceRanks", 0);
            o.put("formatVersion", 2);
        }
        return root;
    }

    /** The first rule {@code set} breaks, as {@code "<json path>: <problem>"}, or null when it is valid. */
    public static String problem(CandidateSet set) {
        if (!CandidateSet.KIND.equals(set.kind())) {
            return "kind: expected \"" + CandidateSet.KIND + "\", found " + quote(set.kind());
        }
        if (set.formatVersion() != CandidateSet.FORMAT_VERSION) {
            return "formatVersion: " + set.formatVersion() + " is not supported (this ipb reads "
                    + CandidateSet.FORMAT_VERSION + ")";
        }
        for (String[] f : new String[][] {{"model", set.model()}, {"layer", set.layer()}, {"method", set.method()},
            {"stimulusSet", set.stimulusSet()}}) {
            if (f[1].isBlank()) {
                return f[0] + ": must not be empty";
            }
        }
        if (set.n() < 1 || set.c() < 1 || set.k() < 1) {
            return "n, c, k: must be positive, found " + set.n() + ", " + set.c() + ", " + set.k();
        }
        Protocol p = set.protocol();
        if (!p.name().equals(Protocol.QUANTILE) && !p.isImi2023()) {
            return "protocol.name: " + quote(p.name()) + " is not a known protocol (" + Protocol.IMI2023 + ", "
                    + Protocol.QUANTILE + ")";
        }
        if (p.isImi2023() != (p.referenceRanks() != 0)) {
            return "protocol.referenceRanks: positive for " + Protocol.IMI2023 + ", 0 for " + Protocol.QUANTILE;
        }
        if (p.isImi2023() && !(p.referenceRanks() >= p.referencesPerSide() && p.referenceRanks() < p.kept())) {
            return "protocol.referenceRanks: " + p.referenceRanks() + " is outside [referencesPerSide, kept)";
        }
        if (!(p.quantile() > 0 && p.quantile() <= 0.5)) {
            return "protocol.quantile: " + p.quantile() + " is outside (0, 0.5]";
        }
        if (p.referencesPerSide() < 1 || p.tasksPerDirection() < 0) {
            return "protocol: referencesPerSide must be at least 1 and tasksPerDirection at least 0";
        }
        if (p.kept() < 1 || p.kept() > set.n()) {
            return "protocol.kept: " + p.kept() + " is outside [1, n = " + set.n() + "]";
        }
        if (set.directions().size() > set.k()) {
            return "directions: " + set.directions().size() + " entries but k = " + set.k();
        }
        Set<Integer> seen = new HashSet<>();
        for (int d = 0; d < set.directions().size(); d++) {
            String problem = direction(set, set.directions().get(d), "directions[" + d + "]", seen);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static String direction(CandidateSet set, CandidateDirection dir, String path, Set<Integer> seen) {
        if (dir.id().isBlank()) {
            return path + ".id: must not be empty";
        }
        if (dir.index() < 0 || dir.index() >= set.k()) {
            return path + ".index: " + dir.index() + " is outside [0, k = " + set.k() + ")";
        }
        if (!seen.add(dir.index())) {
            return path + ".index: direction " + dir.index() + " appears twice";
        }
        int kept = set.protocol().kept();
        String problem = ordered(set, dir.top(), path + ".top", true, kept, false);
        if (problem == null) {
            problem = ordered(set, dir.bottom(), path + ".bottom", false, kept, false);
        }
        if (problem != null) {
            return problem;
        }
        if (dir.tasks().size() != set.protocol().tasksPerDirection()) {
            return path + ".tasks: " + dir.tasks().size() + " tasks but protocol.tasksPerDirection = "
                    + set.protocol().tasksPerDirection();
        }
        int refs = set.protocol().referencesPerSide();
        for (int t = 0; t < dir.tasks().size(); t++) {
            Task task = dir.tasks().get(t);
            String tp = path + ".tasks[" + t + "]";
            if (task.index() != t) {
                return tp + ".index: expected " + t + ", found " + task.index();
            }
            if (task.maxReferences().size() != refs || task.minReferences().size() != refs) {
                return tp + ": needs " + refs + " max and " + refs + " min references, found "
                        + task.maxReferences().size() + " and " + task.minReferences().size();
            }
            problem = ordered(set, task.maxReferences(), tp + ".maxReferences", true, refs, true);
            if (problem == null) {
                problem = ordered(set, task.minReferences(), tp + ".minReferences", false, refs, true);
            }
            if (problem == null) {
                problem = exemplar(set, task.maxQuery(), tp + ".maxQuery");
            }
            if (problem == null) {
                problem = exemplar(set, task.minQuery(), tp + ".minQuery");
            }
            if (problem != null) {
                return problem;
            }
            Set<Object> rows = new HashSet<>();
            for (List<Exemplar> group : List.of(task.maxReferences(), task.minReferences(), List.of(task.maxQuery()),
                    List.of(task.minQuery()))) {
                for (Exemplar e : group) {
                    // synthetic references have no row: they are told apart by id
                    Object key = SyntheticReferences.isSynthetic(e.id()) ? e.id() : (Object) e.row();
                    if (!rows.add(key)) {
                        return tp + ": " + (key instanceof String ? "synthetic image" : "row " + e.row()) + " ("
                                + e.id() + ") is used twice in one task";
                    }
                }
            }
        }
        return null;
    }

    /**
     * Exemplars valid one by one, at most {@code max}, in decreasing (or increasing) activation;
     * {@code references} allows the synthetic references of a synthetic set.
     */
    private static String ordered(CandidateSet set, List<Exemplar> list, String path, boolean decreasing, int max,
            boolean references) {
        if (list.size() > max) {
            return path + ": " + list.size() + " entries, at most " + max + " allowed";
        }
        for (int i = 0; i < list.size(); i++) {
            String problem = references ? reference(set, list.get(i), path + "[" + i + "]")
                    : exemplar(set, list.get(i), path + "[" + i + "]");
            if (problem != null) {
                return problem;
            }
            if (i > 0) {
                float prev = list.get(i - 1).activation();
                float cur = list.get(i).activation();
                if (decreasing ? cur > prev : cur < prev) {
                    return path + "[" + i + "].activation: " + cur + " breaks the "
                            + (decreasing ? "decreasing" : "increasing") + " order (previous " + prev + ")";
                }
            }
        }
        return null;
    }

    /**
     * A task reference: a natural exemplar, or in a synthetic set ({@link SyntheticReferences}) a
     * synthetic image: an id with the synthetic prefix, row -1, named in provenance.syntheticImages.
     */
    private static String reference(CandidateSet set, Exemplar e, String path) {
        if (!SyntheticReferences.isSynthetic(e.id())) {
            return exemplar(set, e, path);
        }
        if (!SyntheticReferences.SYNTHETIC.equals(SyntheticReferences.kind(set))) {
            return path + ".id: synthetic reference " + e.id() + " in a set whose provenance.reference is not \""
                    + SyntheticReferences.SYNTHETIC + "\"";
        }
        if (e.row() != -1) {
            return path + ".row: a synthetic reference has row -1, found " + e.row();
        }
        if (!(set.provenance().get("syntheticImages") instanceof java.util.Map<?, ?> images)
                || !images.containsKey(e.id())) {
            return path + ".id: provenance.syntheticImages names no image for " + e.id();
        }
        if (!Float.isFinite(e.activation())) {
            return path + ".activation: " + e.activation() + " is not a finite float32";
        }
        return null;
    }

    private static String exemplar(CandidateSet set, Exemplar e, String path) {
        if (e.id().isBlank()) {
            return path + ".id: must not be empty";
        }
        if (e.row() < 0 || e.row() >= set.n()) {
            return path + ".row: " + e.row() + " is outside [0, n = " + set.n() + ")";
        }
        if (!Float.isFinite(e.activation())) {
            return path + ".activation: " + e.activation() + " is not a finite float32";
        }
        return null;
    }

    /** Jackson's message without its source dump: what, where in the JSON, and the line. */
    private static String describe(JsonProcessingException e) {
        StringBuilder sb = new StringBuilder();
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            sb.append(jsonPath(m.getPath())).append(": ");
        }
        String msg = e.getOriginalMessage();
        if (e instanceof UnrecognizedPropertyException u) {
            msg = "unknown field \"" + u.getPropertyName() + "\" (known: " + u.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", ")) + ")";
        } else if (e instanceof ValueInstantiationException && e.getCause() instanceof NullPointerException) {
            msg = "null where a value is needed";
        } else if (msg != null && msg.startsWith("Missing creator property")) {
            msg = "missing field";
        } else if (msg != null && msg.startsWith("Null value for creator property")) {
            msg = "must not be null";
        } else if (msg != null && msg.contains(" (but might if coercion")) {
            msg = msg.substring(0, msg.indexOf(" (but might if coercion"));
        }
        sb.append(msg == null ? e.getClass().getSimpleName() : msg);
        JsonLocation loc = e.getLocation();
        if (loc != null && loc.getLineNr() > 0) {
            sb.append(" (line ").append(loc.getLineNr()).append(", column ").append(loc.getColumnNr()).append(")");
        }
        return sb.toString();
    }

    private static String jsonPath(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "(top level)" : sb.toString();
    }

    private static String quote(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }
}
