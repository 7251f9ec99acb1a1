package org.ipb.leaderboards.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.ipb.core.Json;
import org.ipb.core.Sha256;
import org.ipb.core.StagedOutput;
import org.ipb.core.UserError;
import org.ipb.core.npy.Npy;
import org.ipb.core.npy.NpyHeader;
import org.ipb.harness.directions.ActivationMatrix;
import org.ipb.leaderboards.board.BenchmarkDefinition;

/**
 * Submitted direction sets: {@code <root>/<name>/v<N>/} holds the submitted {@code directions.npy},
 * {@code submission.json} (who, what, digests) and {@code entry.json} (its scores under the fixed
 * protocol). A submission is data only: a float32/float64 {@code .npy} matrix is read, nothing in it
 * is executed (object arrays, which would need unpickling, are refused by the reader). A new
 * submission under an existing name becomes the next version; earlier versions are never replaced.
 */
public final class Submissions {
    /** Largest accepted directions file and direction count. */
    public static final long MAX_BYTES = 64L << 20;
    public static final int MAX_DIRECTIONS = 4096;
    static final String NAME = "[a-z0-9][a-z0-9._-]{0,63}";

    private Submissions() {}

    /**
     * Checks a submission before anything is written: the name, the model and layer against the
     * benchmark, and the file (size, dtype, shape K x C with C the layer's width, finite values,
     * no zero row). Every problem is a one-line {@link UserError} naming the file.
     */
    public static ActivationMatrix validate(BenchmarkDefinition def, String model, String layer, String name,
            Path directions, int layerWidth) {
        validateEntry(def, model, layer, name);
        return validateFile(model, layer, directions, layerWidth);
    }

    /** The name, model and layer of a submission against the benchmark. */
    public static void validateEntry(BenchmarkDefinition def, String model, String layer, String name) {
        if (name == null || !name.matches(NAME)) {
            throw new UserError("submission name must match " + NAME + ": " + name);
        }
        if (def.methods().contains(name)) {
            throw new UserError("submission name '" + name + "' is a built-in method of " + def.key()
                    + "; choose another");
        }
        if (!def.model().equals(model)) {
            throw new UserError("benchmark " + def.key() + " is defined on model " + def.model() + ", not " + model);
        }
        if (!def.layers().contains(layer)) {
            throw new UserError("benchmark " + def.key() + " has no layer '" + layer + "' (layers: "
                    + String.join(", ", def.layers()) + ")");
        }
    }

    private static ActivationMatrix validateFile(String model, String layer, Path directions, int layerWidth) {
        if (!Files.isRegularFile(directions)) {
            throw new UserError(directions, "no such file");
        }
        try {
            if (Files.size(directions) > MAX_BYTES) {
                throw new UserError(directions, "larger than the " + (MAX_BYTES >> 20) + " MiB a submission may be");
            }
        } catch (IOException e) {
            throw new UserError(directions, "cannot read: " + e.getMessage(), e);
        }
        NpyHeader h = Npy.readHeader(directions);
        if (!h.dtype().equals("<f4") && !h.dtype().equals("<f8")) {
            throw new UserError(directions, "directions must be float32 or float64, got dtype " + h.dtype());
        }
        // layerWidth < 0: the width is not known yet (checked by checkWidth once the layer is read).
        if (h.shape().length != 2 || (layerWidth >= 0 && h.shape()[1] != layerWidth)) {
            throw new UserError(directions, "directions must be K x " + (layerWidth >= 0 ? layerWidth : "C") + " (the width of " + model + ":"
                    + layer + "), got shape " + java.util.Arrays.toString(h.shape()));
        }
        if (h.shape()[0] < 1 || h.shape()[0] > MAX_DIRECTIONS) {
            throw new UserError(directions, "a submission holds 1 to " + MAX_DIRECTIONS + " directions, got "
                    + h.shape()[0]);
        }
        ActivationMatrix d = ActivationMatrix.load(directions);
        for (int i = 0; i < d.rows(); i++) {
            double norm = 0;
            for (int j = 0; j < d.cols(); j++) {
                norm += (double) d.get(i, j) * d.get(i, j);
            }
            if (!(norm > 1e-24)) {
                throw new UserError(directions, "row " + i + " is zero: a direction needs a non-zero vector");
            }
        }
        return d;
    }

    /** The width check {@link #validate} left out when it was given no width (-1). */
    public static void checkWidth(String model, String layer, Path directions, ActivationMatrix d, int layerWidth) {
        if (d.cols() != layerWidth) {
            throw new UserError(directions, "directions must be K x " + layerWidth + " (the width of " + model + ":"
                    + layer + "), got shape [" + d.rows() + ", " + d.cols() + "]");
        }
    }

    /**
     * The stored version of {@code name} whose file, model, layer and benchmark equal this
     * submission's, or 0 when there is none: an identical resubmission is reported, not stored again.
     */
    public static int identicalVersion(Path root, String name, String model, String layer, String benchmark,
            Path directions) {
        Path dir = root.resolve(name);
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        String sha = Sha256.of(directions);
        try (Stream<Path> s = Files.list(dir)) {
            for (Path v : s.filter(p -> p.getFileName().toString().matches("v[0-9]+")).sorted().toList()) {
                Path meta = v.resolve("submission.json");
                if (!Files.isRegularFile(meta)) {
                    continue;
                }
                var m = Json.MAPPER.readTree(meta.toFile());
                if (sha.equals(m.path("directionsSha256").asText()) && model.equals(m.path("model").asText())
                        && layer.equals(m.path("layer").asText()) && benchmark.equals(m.path("benchmark").asText())) {
                    return m.path("version").asInt();
                }
            }
        } catch (IOException e) {
            throw new UserError(dir, "cannot read the stored versions: " + e.getMessage(), e);
        }
        return 0;
    }

    /**
     * The submitted directions scaled to unit length, as every scorer expects (a direction's
     * scale carries no meaning), written as float32 {@code .npy}.
     */
    public static void writeUnitRows(ActivationMatrix d, Path out) {
        float[] unit = new float[d.rows() * d.cols()];
        for (int i = 0; i < d.rows(); i++) {
            double norm = 0;
            for (int j = 0; j < d.cols(); j++) {
                norm += (double) d.get(i, j) * d.get(i, j);
            }
            norm = Math.sqrt(norm);
            for (int j = 0; j < d.cols(); j++) {
                unit[i * d.cols() + j] = (float) (d.get(i, j) / norm);
            }
        }
        try {
            Files.createDirectories(out.getParent());
        } catch (IOException e) {
            throw new UserError(out, "cannot create its folder: " + e.getMessage(), e);
        }
        Npy.write(out, org.ipb.core.npy.NpyArray.ofFloats(unit, d.rows(), d.cols()));
    }

    /** The next free version of a name (1 for a new name). */
    public static int nextVersion(Path root, String name) {
        Path dir = root.resolve(name);
        int v = 0;
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    String f = p.getFileName().toString();
                    if (f.matches("v[0-9]+")) {
                        v = Math.max(v, Integer.parseInt(f.substring(1)));
                    }
                }
            } catch (IOException e) {
                throw new UserError(dir, "cannot list: " + e.getMessage(), e);
            }
        }
        return v + 1;
    }

    /**
     * Stores a scored submission as {@code <root>/<name>/v<version>} all or nothing; refuses a
     * version that exists (never replaces one).
     */
    public static Path store(Path root, EntryResult entry, Path directions, String submitter) {
        Path target = root.resolve(entry.entry()).resolve("v" + entry.entryVersion());
        if (Files.exists(target)) {
            throw new UserError(target, "exists: a submission version is never replaced");
        }
        try (StagedOutput out = StagedOutput.begin(target)) {
            Files.copy(directions, out.file("directions.npy"));
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("kind", "ipb-submission");
            meta.put("name", entry.entry());
            meta.put("version", entry.entryVersion());
            meta.put("description", entry.description());
            meta.put("model", entry.model());
            meta.put("layer", entry.layer());
            meta.put("benchmark", entry.provenance().benchmark());
            meta.put("directionsSha256", Sha256.of(directions));
            meta.put("submitter", submitter);
            Json.write(out.file("submission.json"), meta);
            Json.write(out.file("entry.json"), entry);
            out.commit();
        } catch (IOException e) {
            throw new UserError(target, "cannot store the submission: " + e.getMessage(), e);
        }
        return target;
    }

    /** Every stored submission scored under this benchmark version, by name and version. */
    public static List<EntryResult> load(Path root, BenchmarkDefinition def) {
        List<EntryResult> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (Stream<Path> s = Files.walk(root, 3)) {
            List<Path> files = s.filter(p -> p.getFileName().toString().equals("entry.json")).sorted().toList();
            for (Path f : files) {
                EntryResult e = Json.MAPPER.readValue(f.toFile(), EntryResult.class);
                if (def.key().equals(e.provenance().benchmark())) {
                    out.add(e);
                }
            }
        } catch (IOException e) {
            throw new UserError(root, "cannot read the stored submissions: " + e.getMessage(), e);
        }
        return out;
    }
}
