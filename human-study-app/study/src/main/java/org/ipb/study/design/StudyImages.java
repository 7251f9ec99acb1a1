package org.ipb.study.design;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.ipb.core.UserError;
import org.ipb.core.candidates.CandidateDirection;
import org.ipb.core.candidates.CandidateSet;
import org.ipb.core.candidates.Exemplar;
import org.ipb.core.candidates.SyntheticReferences;
import org.ipb.core.candidates.Task;
import org.ipb.manifest.ManifestCatalog;
import org.ipb.manifest.PngEncoder;
import org.ipb.manifest.RawImage;
import org.ipb.manifest.StimulusSet;
import org.ipb.manifest.StimulusSets;
import org.ipb.study.store.JudgmentStore.PlannedTrial;
import org.ipb.study.store.JudgmentStore.StimulusImage;

/**
 * The images a planned study shows, read from the stimulus sets its candidate sets came from and
 * encoded as PNG for the judgment database. A candidate set's stimulus set is found, in order, from
 * {@code --stimuli}, the manifest path in its provenance, or the shipped manifest of its name. Each
 * image id is checked against the set's own id of that row, so a candidate set can never be shown
 * with another set's pixels.
 */
public final class StudyImages {
    private StudyImages() {}

    /** The PNG of every image {@code plan} shows, checked against its stimulus set's ids. */
    public static List<StimulusImage> collect(List<Path> files, List<CandidateSet> sets, StudyDesign.Plan plan,
            Path stimuli) {
        TreeSet<String> shown = new TreeSet<>();
        for (List<PlannedTrial> ts : plan.trials().values()) {
            for (PlannedTrial t : ts) {
                shown.addAll(t.imageIds());
            }
        }
        // id -> (candidate set index, row); the first set that shows an id reads it
        Map<String, int[]> where = new LinkedHashMap<>();
        for (int s = 0; s < sets.size(); s++) {
            for (CandidateDirection d : sets.get(s).directions()) {
                for (Task t : d.tasks()) {
                    List<Exemplar> all = new ArrayList<>(t.maxReferences());
                    all.addAll(t.minReferences());
                    all.add(t.maxQuery());
                    all.add(t.minQuery());
                    for (Exemplar e : all) {
                        if (shown.contains(e.id())) {
                            where.putIfAbsent(e.id(), new int[] {s, e.row()});
                        }
                    }
                }
            }
        }
        List<StimulusImage> out = new ArrayList<>();
        Map<Path, List<String>> bySet = new LinkedHashMap<>();
        for (String id : shown) {
            int[] w = where.get(id);
            if (SyntheticReferences.isSynthetic(id)) {
                // a feature visualization: its PNG as ipb synthesize wrote it
                out.add(synthetic(files.get(w[0]), sets.get(w[0]), id));
                continue;
            }
            Path manifest = manifest(files.get(w[0]), sets.get(w[0]), stimuli);
            bySet.computeIfAbsent(manifest, k -> new ArrayList<>()).add(id);
        }
        for (Map.Entry<Path, List<String>> e : bySet.entrySet()) {
            try (StimulusSet set = StimulusSets.open(e.getKey())) {
                for (String id : e.getValue()) {
                    int[] w = where.get(id);
                    int row = w[1];
                    if (row < 0 || row >= set.size() || !set.id(row).equals(id)) {
                        throw new UserError(files.get(w[0]), "image '" + id + "' (row " + row + ") is not in stimulus"
                                + " set " + e.getKey() + (row >= 0 && row < set.size() ? " (row " + row + " there is '"
                                + set.id(row) + "')" : "") + "; pass the set the candidates came from with --stimuli");
                    }
                    RawImage r = set.raw(row);
                    out.add(new StimulusImage(id, r.width(), r.height(), PngEncoder.encode(r)));
                }
            }
        }
        return out;
    }

    private static StimulusImage synthetic(Path file, CandidateSet set, String id) {
        Path png = SyntheticReferences.image(file, set, id);
        RawImage r = RawImage.read(png);
        try {
            return new StimulusImage(id, r.width(), r.height(), Files.readAllBytes(png));
        } catch (java.io.IOException e) {
            throw new UserError(png, "cannot read synthetic reference " + id + ": " + e.getMessage(), e);
        }
    }

    private static Path manifest(Path file, CandidateSet set, Path stimuli) {
        if (stimuli != null) {
            return stimuli;
        }
        if (set.provenance().get("stimulusSet") instanceof Map<?, ?> m && m.get("manifest") instanceof String p
                && Files.isRegularFile(Path.of(p))) {
            return Path.of(p);
        }
        try {
            return ManifestCatalog.stimulusSet(set.stimulusSet());
        } catch (UserError e) {
            throw new UserError(file, "cannot find the images of stimulus set '" + set.stimulusSet() + "' (not in the"
                    + " provenance, not shipped); pass its manifest with --stimuli, or --no-images");
        }
    }
}
