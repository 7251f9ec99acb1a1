package org.ipb.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.ipb.core.candidates.CandidateDirection;
import org.ipb.core.candidates.CandidateSet;
import org.ipb.core.candidates.CandidateSets;
import org.ipb.core.candidates.Exemplar;
import org.ipb.core.candidates.SyntheticReferences;
import org.ipb.core.candidates.Task;
import org.ipb.manifest.ManifestCatalog;
import org.ipb.manifest.StimulusSet;
import org.ipb.manifest.StimulusSets;
import org.ipb.study.design.StudyDesign;
import org.ipb.study.store.JudgmentStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A study over a natural and a synthetic candidate set of the same directions: trials carry their
 * reference condition, the synthetic PNGs are stored byte for byte, and the summary splits by
 * {@code reference}.
 */
class StudySyntheticTest {
    static CandidateSet synthetic(CandidateSet natural, Path folder) throws Exception {
        Files.createDirectories(folder.resolve("synthetic"));
        Map<String, Object> images = new LinkedHashMap<>();
        List<CandidateDirection> ds = new ArrayList<>();
        int n = 0;
        for (CandidateDirection d : natural.directions()) {
            List<Task> ts = new ArrayList<>();
            for (Task t : d.tasks()) {
                List<Exemplar> max = new ArrayList<>();
                List<Exemplar> min = new ArrayList<>();
                for (int b = 0; b < 9; b++) {
                    for (boolean isMax : new boolean[] {true, false}) {
                        String id = SyntheticReferences.id(d.id(), isMax, b);
                        String rel = "synthetic/" + d.index() + (isMax ? "-max-" : "-min-") + b + ".png";
                        if (!images.containsKey(id)) {
                            BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
                            img.getRaster().setSample(b, b, 0, isMax ? 255 : 40 + n++ % 100);
                            ImageIO.write(img, "png", folder.resolve(rel).toFile());
                            images.put(id, rel);
                        }
                        (isMax ? max : min).add(new Exemplar(id, -1, isMax ? 9f : -9f));
                    }
                }
                ts.add(new Task(t.index(), max, min, t.maxQuery(), t.minQuery()));
            }
            ds.add(new CandidateDirection(d.id(), d.index(), d.top(), d.bottom(), ts));
        }
        Map<String, Object> prov = new LinkedHashMap<>(natural.provenance());
        prov.put("reference", SyntheticReferences.SYNTHETIC);
        prov.put("syntheticImages", images);
        return new CandidateSet(natural.kind(), natural.formatVersion(), natural.model(), natural.layer(),
                natural.method(), natural.stimulusSet(), natural.n(), natural.c(), natural.k(), natural.protocol(), ds,
                prov);
    }

    @Test
    void naturalAndSyntheticConditionsInOneStudy(@TempDir Path tmp) throws Exception {
        CandidateSet natural;
        try (StimulusSet fm = StimulusSets.open(ManifestCatalog.stimulusSet("fashion-mnist-test"))) {
            natural = StudyPreviewXvfbTest.sneakersVersusTrousers(fm);
        }
        Path nat = tmp.resolve("natural/candidates.json");
        Files.createDirectories(nat.getParent());
        CandidateSets.write(nat, natural);
        Path syn = tmp.resolve("synthetic-set/candidates.json");
        CandidateSet s = synthetic(natural, syn.getParent());
        CandidateSets.write(syn, s);

        Path db = tmp.resolve("s.db");
        CliRunner.Result c = CliRunner.run("study", "create", "--candidates", nat.toString(), syn.toString(),
                "--name", "nat-syn", "--db", db.toString(), "--participants", "4", "--trials-per-direction", "4",
                "--practice", "0", "--catch-per-40", "0");
        assertEquals(0, c.exitCode(), c.err());
        try (JudgmentStore store = JudgmentStore.open(db)) {
            assertEquals(List.of(), store.missingImages("nat-syn"));
            String id = SyntheticReferences.id(natural.directions().get(1).id(), true, 4);
            assertArrayEquals(Files.readAllBytes(SyntheticReferences.image(syn, s, id)), store.image(id).png(),
                    "the synthetic PNG is stored byte for byte");
            Map<String, Integer> byReference = new HashMap<>();
            for (String p : store.participants("nat-syn")) {
                for (JudgmentStore.StoredTrial t : store.sessionTrials("nat-syn", p, StudyDesign.SESSION)) {
                    byReference.merge(t.plan().reference(), 1, Integer::sum);
                    boolean syntheticRefs = t.plan().maxReferences().stream().allMatch(SyntheticReferences::isSynthetic);
                    assertEquals(t.plan().reference().equals("synthetic"), syntheticRefs, t.plan().toString());
                    assertTrue(!SyntheticReferences.isSynthetic(t.plan().queryA())
                            && !SyntheticReferences.isSynthetic(t.plan().queryB()), "queries stay natural");
                }
            }
            assertEquals(Map.of("natural", 12, "synthetic", 12), byReference);
        }
        CliRunner.Result sim = CliRunner.run("study", "simulate", "--db", db.toString(), "--participants", "4",
                "--seed", "2");
        assertEquals(0, sim.exitCode(), sim.err());
        Path sum = tmp.resolve("by-reference.csv");
        CliRunner.Result h = CliRunner.run("human", "summary", "--db", db.toString(), "--by", "reference", "--out",
                sum.toString());
        assertEquals(0, h.exitCode(), h.err());
        List<String> lines = Files.readAllLines(sum);
        assertEquals(3, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(1).startsWith("natural,12,") && lines.get(2).startsWith("synthetic,12,"),
                String.join("\n", lines));
    }
}
