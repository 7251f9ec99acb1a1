package org.ipb.scorers.observers;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.ipb.core.Json;
import org.ipb.core.npy.Npy;
import org.ipb.core.npy.NpyArray;
import org.ipb.manifest.StimulusSet;

/**
 * An observer's embeddings of a whole stimulus set kept on disk, so that the next process (a
 * submission, the next {@code ipb run}) reads them instead of running every image through the
 * observer network again. {@code <name>.npy} holds one float32 row per stimulus in set order;
 * {@code <name>.json} says whose they are: the observer's {@link Observer#identity() identity}
 * (network name, layer and the hash of its model manifest, which pins its weights) and the
 * stimulus set's file hashes. Both must match for the rows to be used; the values are the ones the
 * observer computed, so scores from restored embeddings equal scores from fresh ones bit for bit.
 */
public final class StoredEmbeddings {
    /** What the rows are: the observer and the stimulus set they were computed on. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Key(String observer, SortedMap<String, String> stimuliSha256, int images, int dimensions) {}

    private StoredEmbeddings() {}

    /**
     * Fills {@code observer} from {@code dir} when a matching file is there.
     *
     * @return whether the embeddings were restored (false: absent, stale or unreadable)
     */
    public static boolean restore(Path dir, Observer observer, StimulusSet set, Map<String, String> stimuliSha256) {
        String identity = observer.identity();
        if (identity == null) {
            return false;
        }
        Path npy = dir.resolve(fileStem(observer) + ".npy");
        Path json = dir.resolve(fileStem(observer) + ".json");
        if (!Files.isRegularFile(npy) || !Files.isRegularFile(json)) {
            return false;
        }
        try {
            Key key = Json.MAPPER.readValue(json.toFile(), Key.class);
            if (!identity.equals(key.observer()) || !new TreeMap<>(stimuliSha256).equals(key.stimuliSha256())
                    || key.images() != set.size()) {
                return false;
            }
            NpyArray a = Npy.read(npy);
            long[] shape = a.shape();
            if (shape.length != 2 || shape[0] != set.size() || shape[1] != key.dimensions()) {
                return false;
            }
            float[] rows = a.toFloatArray();
            int d = key.dimensions();
            Map<String, float[]> out = new LinkedHashMap<>();
            for (int i = 0; i < set.size(); i++) {
                float[] e = new float[d];
                System.arraycopy(rows, i * d, e, 0, d);
                out.put(set.id(i), e);
            }
            observer.seed(out);
            return true;
        } catch (IOException | RuntimeException e) {
            // A broken or foreign cache file is recomputed, never trusted.
            return false;
        }
    }

    /** Writes the embeddings of every stimulus of {@code set} (computing the missing ones) to {@code dir}. */
    public static void store(Path dir, Observer observer, StimulusSet set, Map<String, String> stimuliSha256) {
        String identity = observer.identity();
        if (identity == null) {
            return;
        }
        List<String> ids = new java.util.ArrayList<>(set.size());
        for (int i = 0; i < set.size(); i++) {
            ids.add(set.id(i));
        }
        Map<String, float[]> all = observer.embedAll(ids);
        int d = all.get(ids.get(0)).length;
        float[] rows = new float[ids.size() * d];
        for (int i = 0; i < ids.size(); i++) {
            System.arraycopy(all.get(ids.get(i)), 0, rows, i * d, d);
        }
        try {
            Files.createDirectories(dir);
            Path npy = dir.resolve(fileStem(observer) + ".npy");
            Path tmp = dir.resolve(fileStem(observer) + ".npy.tmp");
            Npy.write(tmp, NpyArray.ofFloats(rows, ids.size(), d));
            Files.move(tmp, npy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            // The key last: a cache whose key is written always has its rows.
            Json.write(dir.resolve(fileStem(observer) + ".json"),
                    new Key(identity, new TreeMap<>(stimuliSha256), ids.size(), d));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String fileStem(Observer observer) {
        return observer.name().replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
