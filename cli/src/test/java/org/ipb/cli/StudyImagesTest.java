package org.ipb.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.ipb.core.candidates.CandidateDirection;
import org.ipb.core.candidates.CandidateSet;
import org.ipb.core.candidates.CandidateSets;
import org.ipb.core.candidates.Exemplar;
import org.ipb.core.candidates.Protocol;
import org.ipb.core.candidates.Task;
import org.ipb.manifest.ManifestCatalog;
import org.ipb.manifest.RawImage;
import org.ipb.manifest.StimulusSet;
import org.ipb.manifest.StimulusSets;
import org.ipb.study.store.JudgmentStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ipb study create} stores the exact pixels of the shipped Fashion-MNIST test images it shows. */
class StudyImagesTest {
    static final String SET = "fashion-mnist-test";

    static Exemplar ex(int row, float a, int shift) {
        return new Exemplar(String.format("%s:%06d", SET, row + shift), row, a);
    }

    /** 3 directions x 2 tasks over Fashion-MNIST test rows; {@code shift} makes ids disagree with rows. */
    static CandidateSet set(int shift) {
        List<CandidateDirection> ds = new ArrayList<>();
        for (int d = 0; d < 3; d++) {
            List<Task> ts = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int base = (d * 2 + t) * 20;
                List<Exemplar> max = new ArrayList<>();
                List<Exemplar> min = new ArrayList<>();
                for (int i = 0; i < 9; i++) {
                    max.add(ex(base + i, 5f + d, shift));
                    min.add(ex(base + 9 + i, -5f - d, shift));
                }
                ts.add(new Task(t, max, min, ex(base + 18, 4f, shift), ex(base + 19, -4f, shift)));
            }
            ds.add(new CandidateDirection(CandidateSet.directionId("fmnist-cnn", "conv4", "pca", d), d, List.of(),
                    List.of(), ts));
        }
        return new CandidateSet(CandidateSet.KIND, CandidateSet.FORMAT_VERSION, "fmnist-cnn", "conv4", "pca", SET,
                10000, 8, 3, new Protocol(0.2, 9, 2, 1, 2000), ds, Map.of());
    }

    @Test
    void storesEveryShownImageWithItsPixels(@TempDir Path tmp) throws Exception {
        Path cand = tmp.resolve("c.json");
        CandidateSets.write(cand, set(0));
        Path db = tmp.resolve("s.db");
        CliRunner.Result c = CliRunner.run("study", "create", "--candidates", cand.toString(), "--name", "img",
                "--db", db.toString(), "--participants", "2", "--trials-per-direction", "2", "--practice", "1");
        assertEquals(0, c.exitCode(), c.err());
        assertTrue(c.out().contains("images"), c.out());
        try (JudgmentStore store = JudgmentStore.open(db);
                StimulusSet fm = StimulusSets.open(ManifestCatalog.stimulusSet(SET))) {
            assertEquals(List.of(), store.missingImages("img"));
            for (int row : new int[] {0, 18, 119}) {
                JudgmentStore.StimulusImage im = store.image(fm.id(row));
                assertEquals(28, im.width());
                BufferedImage b = ImageIO.read(new ByteArrayInputStream(im.png()));
                byte[] got = new byte[28 * 28];
                b.getRaster().getDataElements(0, 0, 28, 28, got);
                RawImage want = fm.raw(row);
                assertArrayEquals(want.pixels(), got, "row " + row);
            }
            assertEquals(null, store.image(fm.id(5000)), "an image no trial shows is not stored");
        }
    }

    @Test
    void idThatIsNotTheRowsIdIsRefusedAndNothingIsWritten(@TempDir Path tmp) throws Exception {
        Path cand = tmp.resolve("c.json");
        CandidateSets.write(cand, set(1));
        Path db = tmp.resolve("s.db");
        CliRunner.Result c = CliRunner.run("study", "create", "--candidates", cand.toString(), "--name", "img",
                "--db", db.toString(), "--participants", "2", "--trials-per-direction", "2");
        assertEquals(2, c.exitCode(), c.err());
        assertTrue(c.err().contains(cand.toString()) && c.err().contains("is not in stimulus set"), c.err());
        assertEquals(1, c.err().strip().lines().count(), c.err());
        assertFalse(Files.exists(Path.of(db + ".mv.db")) && hasStudy(db), "no study written");
    }

    private static boolean hasStudy(Path db) {
        try (JudgmentStore s = JudgmentStore.open(db)) {
            return s.hasStudy("img");
        }
    }
}
