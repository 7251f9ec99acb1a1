package org.ipb.core.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reads files written by numpy itself (see make_fixtures.py) and asserts their exact values. */
class NumpyFixturesTest {
    @TempDir
    Path dir;

    static float[] arange(int n, float offset) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = i + offset;
        }
        return out;
    }

    @Test
    void float32Arange() {
        NpyArray a = Npy.read(Fixtures.path("f4_3x4.npy"));
        assertEquals("<f4", a.dtype());
        assertArrayEquals(new long[] {3, 4}, a.shape());
        assertArrayEquals(arange(12, 0), a.toFloatArray());
    }

    @Test
    void float64ThreeDimensional() {
        NpyArray a = Npy.read(Fixtures.path("f8_2x3x4.npy"));
        assertEquals("<f8", a.dtype());
        assertArrayEquals(new long[] {2, 3, 4}, a.shape());
        double[] expected = new double[24];
        for (int i = 0; i < 24; i++) {
            expected[i] = (i - 12) / 4.0;
        }
        assertArrayEquals(expected, a.toDoubleArray());
    }

    @Test
    void int64() {
        NpyArray a = Npy.read(Fixtures.path("i8_5.npy"));
        assertEquals("<i8", a.dtype());
        assertArrayEquals(new long[] {5}, a.shape());
        assertArrayEquals(new long[] {-(1L << 40), -1, 0, 1, 1L << 62}, a.toLongArray());
    }

    @Test
    void uint8() {
        NpyArray a = Npy.read(Fixtures.path("u1_2x2.npy"));
        assertEquals("|u1", a.dtype());
        assertArrayEquals(new long[] {2, 2}, a.shape());
        assertArrayEquals(new int[] {0, 1, 254, 255}, a.toIntArray());
    }

    @Test
    void bool() {
        NpyArray a = Npy.read(Fixtures.path("b1_3.npy"));
        assertEquals("|b1", a.dtype());
        assertArrayEquals(new int[] {1, 0, 1}, a.toIntArray());
    }

    @Test
    void bigEndianIsConvertedToLittleEndian() {
        NpyHeader header = Npy.readHeader(Fixtures.path("f4be_2x3.npy"));
        assertEquals(">f4", header.dtype()); // the header reports the file as stored
        NpyArray a = Npy.read(Fixtures.path("f4be_2x3.npy"));
        assertEquals("<f4", a.dtype());
        assertArrayEquals(new long[] {2, 3}, a.shape());
        assertArrayEquals(arange(6, 0.25f), a.toFloatArray());

        NpyArray i8 = Npy.read(Fixtures.path("i8be_3.npy"));
        assertEquals("<i8", i8.dtype());
        assertArrayEquals(new long[] {1, -2, 1L << 40}, i8.toLongArray());
    }

    @Test
    void fortranOrderIsConvertedToCOrder() {
        assertTrue(Npy.readHeader(Fixtures.path("f4_fortran_3x4.npy")).fortranOrder());
        assertEquals(Npy.read(Fixtures.path("f4_3x4.npy")), Npy.read(Fixtures.path("f4_fortran_3x4.npy")));

        NpyArray a = Npy.read(Fixtures.path("f8_fortran_2x3x4.npy"));
        assertArrayEquals(new long[] {2, 3, 4}, a.shape());
        double[] expected = new double[24];
        for (int i = 0; i < 24; i++) {
            expected[i] = i;
        }
        assertArrayEquals(expected, a.toDoubleArray());
    }

    @Test
    void zeroDimensionalScalar() {
        NpyArray a = Npy.read(Fixtures.path("f8_scalar.npy"));
        assertEquals("<f8", a.dtype());
        assertArrayEquals(new long[0], a.shape());
        assertEquals(1, a.size());
        assertArrayEquals(new double[] {3.5}, a.toDoubleArray());
    }

    @Test
    void zeroSize() {
        NpyArray a = Npy.read(Fixtures.path("f4_0x3.npy"));
        assertArrayEquals(new long[] {0, 3}, a.shape());
        assertEquals(0, a.size());
        assertEquals(0, a.toFloatArray().length);
    }

    @Test
    void formatVersion2() {
        NpyHeader header = Npy.readHeader(Fixtures.path("f4_v2_2x2.npy"));
        assertEquals(128, header.dataOffset()); // 12-byte prefix (uint32 length) + header
        NpyArray a = Npy.read(Fixtures.path("f4_v2_2x2.npy"));
        assertArrayEquals(new long[] {2, 2}, a.shape());
        assertArrayEquals(new float[] {1, 2, 3, 4}, a.toFloatArray());
    }

    /** Our writer must produce exactly np.save's bytes for the same little-endian C-order array. */
    @ParameterizedTest
    @ValueSource(strings = {"f4_3x4.npy", "f8_2x3x4.npy", "i8_5.npy", "u1_2x2.npy", "b1_3.npy", "f8_scalar.npy",
        "f4_0x3.npy"})
    void rewritingGivesNumpysBytes(String name) throws IOException {
        Path copy = dir.resolve(name);
        Npy.write(copy, Npy.read(Fixtures.path(name)));
        assertArrayEquals(Files.readAllBytes(Fixtures.path(name)), Files.readAllBytes(copy));
    }

    @ParameterizedTest
    @ValueSource(strings = {"arrays.npz", "arrays_compressed.npz"})
    void npzFromSavezAndSavezCompressed(String name) {
        Map<String, NpyArray> arrays = Npz.read(Fixtures.path(name));
        assertEquals(List.of("weights", "labels"), List.copyOf(arrays.keySet()));
        assertEquals(NpyArray.ofFloats(new float[] {0.5f, -1f, 2f, 4.5f}, 2, 2), arrays.get("weights"));
        assertEquals(NpyArray.ofLongs(new long[] {3, 1, 4}, 3), arrays.get("labels"));
        assertFalse(arrays.containsKey("weights.npy"));
    }
}
