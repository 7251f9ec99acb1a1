package org.ipb.leaderboards.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReliabilityDiagramTest {
    private static final double[] P = {0.1, 0.2, 0.6, 0.7, 0.8, 0.9};
    private static final boolean[] Y = {false, true, true, false, true, true};

    @Test
    void equalWidthKnownAnswer() {
        ReliabilityDiagram d = ReliabilityDiagram.of(P, Y, 2, ReliabilityDiagram.Binning.EQUAL_WIDTH);
        ReliabilityDiagram.Bin low = d.bins().get(0);
        assertEquals(2, low.count());
        assertEquals(0.15, low.meanPredicted(), 1e-15);
        assertEquals(0.5, low.observed(), 0);
        assertEquals(DirectionAccuracy.of("x", 2, 1).ci95(), low.ci95());
        ReliabilityDiagram.Bin high = d.bins().get(1);
        assertEquals(4, high.count());
        assertEquals(0.75, high.meanPredicted(), 1e-15);
        assertEquals(0.75, high.observed(), 0);
        // (2/6)·|0.5 − 0.15| + (4/6)·0
        assertEquals(0.35 / 3, d.expectedCalibrationError(), 1e-15);
    }

    @Test
    void equalWidthKeepsEmptyBinsAndPutsOneInTheLastBin() {
        double[] p = {0.1, 0.9, 1.0};
        boolean[] y = {false, true, true};
        ReliabilityDiagram d = ReliabilityDiagram.of(p, y, 4, ReliabilityDiagram.Binning.EQUAL_WIDTH);
        assertEquals(4, d.bins().size());
        assertEquals(0, d.bins().get(1).count());
        assertTrue(Double.isNaN(d.bins().get(1).observed()));
        assertEquals(2, d.bins().get(3).count());
        // (1/3)·|0 − 0.1| + (2/3)·|1 − 0.95|
        assertEquals(0.2 / 3, d.expectedCalibrationError(), 1e-15);
    }

    @Test
    void equalCountKnownAnswer() {
        ReliabilityDiagram d = ReliabilityDiagram.of(P, Y, 3, ReliabilityDiagram.Binning.EQUAL_COUNT);
        assertEquals(2, d.bins().get(0).count());
        assertEquals(0.6, d.bins().get(1).lower(), 0);
        assertEquals(0.7, d.bins().get(1).upper(), 0);
        // |0.5 − 0.15|, |0.5 − 0.65|, |1 − 0.85|, each weight 1/3.
        assertEquals((0.35 + 0.15 + 0.15) / 3, d.expectedCalibrationError(), 1e-15);
    }

    @Test
    void rejectsPredictionsOutsideTheUnitInterval() {
        assertThrows(IllegalArgumentException.class, () -> ReliabilityDiagram.of(new double[] {1.2}, new boolean[] {true}, 2,
                ReliabilityDiagram.Binning.EQUAL_WIDTH));
    }

    @Test
    void pngHasTheRequestedSizeAndIsIdenticalAcrossRuns(@TempDir Path dir) throws Exception {
        SplittableRandom rng = new SplittableRandom(81);
        double[] p = new double[500];
        boolean[] y = new boolean[500];
        for (int i = 0; i < p.length; i++) {
            p[i] = 0.5 + 0.5 * rng.nextDouble();
            y[i] = rng.nextDouble() < p[i] - 0.05;
        }
        ReliabilityDiagram d = ReliabilityDiagram.of(p, y, 10, ReliabilityDiagram.Binning.EQUAL_COUNT);
        Path first = dir.resolve("a/reliability.png");
        Path second = dir.resolve("b/reliability.png");
        d.writePng(first, 640, 480, "Reliability: test scorer");
        d.writePng(second, 640, 480, "Reliability: test scorer");
        byte[] bytes = Files.readAllBytes(first);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, java.util.Arrays.copyOf(bytes, 8));
        BufferedImage image = ImageIO.read(first.toFile());
        assertEquals(640, image.getWidth());
        assertEquals(480, image.getHeight());
        assertArrayEquals(bytes, Files.readAllBytes(second));
        assertTrue(!ReliabilityDiagram.fontFamily().isEmpty());
    }
}
