package org.ipb.core.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NpzTest {
    @TempDir
    Path dir;

    static Map<String, NpyArray> sample() {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("zeta", NpyArray.ofFloats(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        arrays.put("alpha", NpyArray.ofLongs(new long[] {-1, 1L << 50}, 2));
        arrays.put("scalar", NpyArray.ofDoubles(new double[] {Math.PI}));
        arrays.put("empty", NpyArray.ofBytes(new byte[0], 0));
        arrays.put("mask", NpyRoundTripTest.randomArray("|b1", new long[] {4, 4}, 1));
        return arrays;
    }

    @ParameterizedTest(name = "compressed={0}")
    @ValueSource(booleans = {false, true})
    void roundTripKeepsOrderAndContent(boolean compressed) throws IOException {
        Path file = dir.resolve("a.npz");
        Npz.write(file, sample(), compressed);

        Map<String, NpyArray> back = Npz.read(file);
        assertEquals(List.of("zeta", "alpha", "scalar", "empty", "mask"), List.copyOf(back.keySet()));
        assertEquals(sample(), back);

        int method = compressed ? ZipEntry.DEFLATED : ZipEntry.STORED;
        List<String> names = new ArrayList<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            zip.stream().forEach(e -> {
                names.add(e.getName());
                assertEquals(method, e.getMethod(), e.getName());
            });
        }
        assertEquals(List.of("zeta.npy", "alpha.npy", "scalar.npy", "empty.npy", "mask.npy"), names);
    }

    @Test
    void entriesAreExactlyNpyFiles() throws IOException {
        Path npz = dir.resolve("one.npz");
        NpyArray array = NpyArray.ofInts(new int[] {1, 2, 3}, 3);
        Npz.write(npz, Map.of("x", array), false);
        Path npy = dir.resolve("x.npy");
        Npy.write(npy, array);
        try (ZipFile zip = new ZipFile(npz.toFile())) {
            assertArrayEquals(Files.readAllBytes(npy), zip.getInputStream(zip.getEntry("x.npy")).readAllBytes());
        }
    }

    @Test
    void outputIsReproducible() throws IOException {
        Path a = dir.resolve("a.npz");
        Path b = dir.resolve("b.npz");
        Npz.write(a, sample(), true);
        Npz.write(b, sample(), true);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    @Test
    void emptyArchive() {
        Path file = dir.resolve("none.npz");
        Npz.write(file, Map.of(), false);
        assertEquals(Map.of(), Npz.read(file));
    }

    @Test
    void rejectsEmptyNames() {
        assertThrows(IllegalArgumentException.class,
                () -> Npz.write(dir.resolve("x.npz"), Map.of("", NpyArray.ofInts(new int[] {1})), false));
    }
}
