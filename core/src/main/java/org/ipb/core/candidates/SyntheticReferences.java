package org.ipb.core.candidates;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ipb.core.UserError;

/**
 * How a candidate set's references were made. Natural sets (the default) take every reference
 * from the stimulus set. A synthetic set (Borowski et al. 2021; Zimmermann et al. 2023) replaces
 * each task's 9 max and 9 min references by feature visualizations of the direction (maximising and
 * minimising images from {@code ipb synthesize}) and keeps natural queries. Its provenance holds
 * {@code "reference": "synthetic"} and {@code "syntheticImages"}: every synthetic id ({@link
 * #ID_PREFIX}{@code <direction id>:max|min:<b>}) mapped to its PNG, relative to the candidate file's
 * folder. Kept in the provenance, so files of format version 1 stay readable unchanged.
 */
public final class SyntheticReferences {
    public static final String NATURAL = "natural";
    public static final String SYNTHETIC = "synthetic";
    public static final String ID_PREFIX = "synthetic:";

    private SyntheticReferences() {}

    /** {@code natural} or {@code synthetic}. */
    public static String kind(CandidateSet set) {
        Object r = set.provenance().get("reference");
        return SYNTHETIC.equals(r) ? SYNTHETIC : NATURAL;
    }

    /** True for the id of a synthetic image. */
    public static boolean isSynthetic(String id) {
        return id.startsWith(ID_PREFIX);
    }

    /** The id of the {@code b}-th maximising ({@code max}) or minimising image of a direction. */
    public static String id(String directionId, boolean max, int b) {
        return ID_PREFIX + directionId + ":" + (max ? "max" : "min") + ":" + b;
    }

    /** Synthetic id -> PNG path relative to the candidate file's folder (empty for natural sets). */
    public static Map<String, String> images(CandidateSet set) {
        Object m = set.provenance().get("syntheticImages");
        Map<String, String> out = new LinkedHashMap<>();
        if (m instanceof Map<?, ?> map) {
            map.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        }
        return out;
    }

    /** The PNG of a synthetic id of the set stored in {@code candidatesFile}. */
    public static Path image(Path candidatesFile, CandidateSet set, String id) {
        String rel = images(set).get(id);
        if (rel == null) {
            throw new UserError(candidatesFile, "names no image for synthetic reference " + id);
        }
        Path folder = candidatesFile.toAbsolutePath().getParent();
        Path p = folder.resolve(rel).normalize();
        if (!p.startsWith(folder)) {
            throw new UserError(candidatesFile, "synthetic image path leaves the candidate folder: " + rel);
        }
        return p;
    }
}
