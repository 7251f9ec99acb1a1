package org.ipb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.ipb.core.candidates.CandidateDirection;
import org.ipb.core.candidates.CandidateSet;
import org.ipb.core.candidates.CandidateSets;
import org.ipb.core.candidates.Exemplar;
import org.ipb.core.candidates.Protocol;
import org.ipb.core.candidates.Task;
import org.ipb.manifest.ManifestCatalog;
import org.ipb.manifest.StimulusSet;
import org.ipb.manifest.StimulusSets;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real window under Xvfb (GTK glass, no Monocle): {@code ipb study preview} draws a trial of a
 * study made from Fashion-MNIST images (sneakers as the max references, trousers as the min) and
 * saves the screen capture to {@code cli/target/ui-artifacts/trial-screen.png} for a person to
 * look at. Runs wherever xvfb-run is installed; required under CI.
 */
class StudyPreviewXvfbTest {
    static final Path ARTIFACT = Path.of("target", "ui-artifacts", "trial-screen.png");

    static boolean onPath(String exe) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, exe))) {
                return true;
            }
        }
        return false;
    }

    static CandidateSet sneakersVersusTrousers(StimulusSet fm) {
        List<Integer> sneakers = new ArrayList<>();
        List<Integer> trousers = new ArrayList<>();
        for (int i = 0; i < fm.size() && (sneakers.size() < 60 || trousers.size() < 60); i++) {
            if (fm.label(i) == 7) {
                sneakers.add(i);
            } else if (fm.label(i) == 1) {
                trousers.add(i);
            }
        }
        List<CandidateDirection> ds = new ArrayList<>();
        for (int d = 0; d < 3; d++) {
            List<Exemplar> max = new ArrayList<>();
            List<Exemplar> min = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                int s = sneakers.get(d * 10 + i);
                int t = trousers.get(d * 10 + i);
                max.add(new Exemplar(fm.id(s), s, 5f - i * 0.1f));
                min.add(new Exemplar(fm.id(t), t, -5f + i * 0.1f));
            }
            int qs = sneakers.get(d * 10 + 9);
            int qt = trousers.get(d * 10 + 9);
            Task task = new Task(0, max, min, new Exemplar(fm.id(qs), qs, 4f), new Exemplar(fm.id(qt), qt, -4f));
            ds.add(new CandidateDirection(CandidateSet.directionId("fmnist-cnn", "conv4", "pca", d), d, List.of(),
                    List.of(), List.of(task)));
        }
        return new CandidateSet(CandidateSet.KIND, CandidateSet.FORMAT_VERSION, "fmnist-cnn", "conv4", "pca",
                fm.manifest().name(), fm.size(), 8, 3, new Protocol(0.2, 9, 1, 1, 2000), ds, Map.of());
    }

    @Test
    void previewOfATrialInARealWindowUnderXvfb(@TempDir Path tmp) throws Exception {
        boolean ci = System.getenv("CI") != null;
        if (!ci) {
            Assumptions.assumeTrue(onPath("xvfb-run"), "xvfb-run not installed");
        }
        Path cand = tmp.resolve("candidates.json");
        try (StimulusSet fm = StimulusSets.open(ManifestCatalog.stimulusSet("fashion-mnist-test"))) {
            CandidateSets.write(cand, sneakersVersusTrousers(fm));
        }
        Path db = tmp.resolve("preview.db");
        CliRunner.Result c = CliRunner.run("study", "create", "--candidates", cand.toString(), "--name", "preview",
                "--db", db.toString(), "--participants", "2", "--trials-per-direction", "2", "--practice", "0",
                "--catch-per-40", "0");
        assertEquals(0, c.exitCode(), c.err());

        Files.createDirectories(ARTIFACT.getParent());
        Files.deleteIfExists(ARTIFACT);
        List<String> cmd = new ArrayList<>(List.of("xvfb-run", "-a", "-s", "-screen 0 1280x800x24",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "-Dipb.home=" + System.getProperty("ipb.home"),
                Main.class.getName(), "study", "preview", "--db", db.toString(), "--participant", "P01", "--out",
                ARTIFACT.toString()));
        // Output to a file and a bounded wait: a window that never closes must fail the test, not hang it.
        Path log = tmp.resolve("preview.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean exited = p.waitFor(120, TimeUnit.SECONDS);
        if (!exited) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(exited, "study preview did not exit within 120 s: " + out);
        assertEquals(0, p.exitValue(), out);

        BufferedImage img = ImageIO.read(ARTIFACT.toFile());
        assertEquals(1280, img.getWidth(), out);
        assertEquals(800, img.getHeight());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                colours.add(img.getRGB(x, y) & 0xFFFFFF);
            }
        }
        assertTrue(colours.size() > 100, "a drawn trial (images, text, buttons), not a blank window: "
                + colours.size() + " colours");
        System.out.println("[ui] trial screen captured under Xvfb: " + ARTIFACT.toAbsolutePath());
    }
}
