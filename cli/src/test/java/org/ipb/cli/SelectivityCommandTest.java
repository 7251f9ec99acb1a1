package org.ipb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.ipb.core.npy.Npy;
import org.ipb.core.npy.NpyArray;
import org.ipb.scorers.selectivity.Selectivity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelectivityCommandTest {
    @TempDir
    Path dir;

    // 5 images x 3 directions, labels y = [0,0,1,1,2]
    // column 0 = [1,2,3,4,0]: mu = 1.5, 3.5, 0; A = 1; muNotA = 0.75 -> 2.75/4.25 = 0.647058824;
    //   top 2: classes 1,1 -> precision 1; class 1 = {3,4} > max others 2 -> localist 1; top class 2
    // column 1 = [0,0,0,0,5]: class 2 only active: ccmas 1; top 2: classes 2,0 -> 0.5;
    //   localist 5 - 0 = 5; top class 1
    // column 2 = constant 1: ccmas 0; top 2 = images 0,1 (ties by index), both class 0 -> 1; localist 0;
    //   ranking 0:0, 1:0, 2:1 -> top class 2
    private static final float[] X = {
        1, 0, 1,
        2, 0, 1,
        3, 0, 1,
        4, 0, 1,
        0, 5, 1};
    private static final int[] Y = {0, 0, 1, 1, 2};

    private Path write(String name, NpyArray a) {
        Path p = dir.resolve(name);
        Npy.write(p, a);
        return p;
    }

    @Test
    void writesOneRowPerColumnMatchingTheLibrary() throws IOException {
        Path x = write("x.npy", NpyArray.ofFloats(X, 5, 3));
        Path y = write("y.npy", NpyArray.ofLongs(new long[] {0, 0, 1, 1, 2}, 5));
        Path out = dir.resolve("sub/sel.csv");
        CliRunner.Result r = CliRunner.run("selectivity", "--activations", x.toString(), "--labels", y.toString(),
                "--out", out.toString(), "--top-n", "2");
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals(List.of(
                "direction,ccmas,precision,localist,top_class",
                "0,0.647058824,1.00000000,1.00000000,2",
                "1,1.00000000,0.500000000,5.00000000,1",
                "2,0.00000000,1.00000000,0.00000000,2"), lines);
        for (int j = 0; j < 3; j++) {
            float[] col = new float[5];
            for (int i = 0; i < 5; i++) {
                col[i] = X[i * 3 + j];
            }
            String[] f = lines.get(j + 1).split(",");
            assertEquals(j, Integer.parseInt(f[0]));
            assertEquals(Selectivity.ccmas(col, Y), Double.parseDouble(f[1]), 1e-8);
            assertEquals(Selectivity.precision(col, Y, 2), Double.parseDouble(f[2]), 1e-8);
            assertEquals(Selectivity.localist(col, Y), Double.parseDouble(f[3]), 1e-8);
            assertEquals(Selectivity.topClass(col, Y), Integer.parseInt(f[4]));
        }
        try (Stream<Path> s = Files.list(out.getParent())) {
            assertEquals(List.of(out), s.toList(), "no temp file left");
        }
    }

    @Test
    void acceptsFloat64ActivationsAndInt32OrUint8Labels() throws IOException {
        double[] xd = new double[X.length];
        for (int i = 0; i < X.length; i++) {
            xd[i] = X[i];
        }
        Path x = write("x.npy", NpyArray.ofDoubles(xd, 5, 3));
        Path y32 = write("y32.npy", NpyArray.ofInts(Y, 5));
        Path y8 = write("y8.npy", NpyArray.ofBytes(new byte[] {0, 0, 1, 1, 2}, 5));
        Path out32 = dir.resolve("a.csv");
        Path out8 = dir.resolve("b.csv");
        assertEquals(0, CliRunner.run("selectivity", "--activations", x.toString(), "--labels", y32.toString(),
                "--out", out32.toString()).exitCode());
        CliRunner.Result r = CliRunner.run("selectivity", "--activations", x.toString(), "--labels", y8.toString(),
                "--out", out8.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(Files.readAllLines(out32), Files.readAllLines(out8));
        assertEquals(4, Files.readAllLines(out8).size());
    }

    private void assertRejected(Path x, Path y, String fileNamed, String... extra) throws IOException {
        Path out = dir.resolve("bad.csv");
        String[] args = Stream.concat(Stream.of("selectivity", "--activations", x.toString(), "--labels",
                y.toString(), "--out", out.toString()), Stream.of(extra)).toArray(String[]::new);
        CliRunner.Result r = CliRunner.run(args);
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains(fileNamed), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(Files.exists(out));
        try (Stream<Path> s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
    }

    @Test
    void labelCountMismatchIsAUserError() throws IOException {
        Path x = write("x.npy", NpyArray.ofFloats(X, 5, 3));
        Path y = write("y4.npy", NpyArray.ofLongs(new long[] {0, 0, 1, 1}, 4));
        assertRejected(x, y, "y4.npy");
    }

    @Test
    void negativeLabelIsAUserError() throws IOException {
        Path x = write("x.npy", NpyArray.ofFloats(X, 5, 3));
        Path y = write("yneg.npy", NpyArray.ofInts(new int[] {0, 0, -1, 1, 2}, 5));
        assertRejected(x, y, "yneg.npy");
    }

    @Test
    void floatLabelsAreAUserError() throws IOException {
        Path x = write("x.npy", NpyArray.ofFloats(X, 5, 3));
        Path y = write("yf.npy", NpyArray.ofFloats(new float[] {0, 0, 1, 1, 2}, 5));
        assertRejected(x, y, "yf.npy");
    }

    @Test
    void oneDimensionalActivationsAreAUserError() throws IOException {
        Path x = write("x1d.npy", NpyArray.ofFloats(new float[] {1, 2, 3, 4, 5}, 5));
        Path y = write("y.npy", NpyArray.ofInts(Y, 5));
        assertRejected(x, y, "x1d.npy");
    }

    @Test
    void nonFiniteActivationIsAUserError() throws IOException {
        float[] bad = X.clone();
        bad[4] = Float.NaN;
        Path x = write("xnan.npy", NpyArray.ofFloats(bad, 5, 3));
        Path y = write("y.npy", NpyArray.ofInts(Y, 5));
        assertRejected(x, y, "xnan.npy");
    }

    @Test
    void topNBelowOneIsAUserError() throws IOException {
        Path x = write("x.npy", NpyArray.ofFloats(X, 5, 3));
        Path y = write("y.npy", NpyArray.ofInts(Y, 5));
        assertRejected(x, y, "--top-n", "--top-n", "0");
    }
}
