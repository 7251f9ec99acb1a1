package org.ipb.core.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NpyRoundTripTest {
    static final long[][] SHAPES = {{}, {0}, {5}, {3, 4}, {2, 3, 4}};

    @TempDir
    Path dir;

    static Stream<Arguments> dtypesAndShapes() {
        return Stream.of(DType.values())
                .flatMap(t -> Stream.of(SHAPES).map(s -> Arguments.of(t.descr, s)));
    }

    /** Arbitrary bytes for the dtype (bools kept to 0/1, as numpy stores them). */
    static NpyArray randomArray(String descr, long[] shape, long seed) {
        DType t = DType.parse(descr).type();
        byte[] bytes = new byte[(int) (Shapes.size(shape) * t.size)];
        new Random(seed).nextBytes(bytes);
        if (t == DType.BOOL) {
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] &= 1;
            }
        }
        return new NpyArray(descr, shape, ByteBuffer.wrap(bytes));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dtypesAndShapes")
    void roundTripsEveryDtypeAndShape(String descr, long[] shape) throws IOException {
        NpyArray original = randomArray(descr, shape, descr.hashCode() * 31L + shape.length);
        Path file = dir.resolve("a.npy");
        Npy.write(file, original);

        NpyArray back = Npy.read(file);
        assertEquals(original, back);
        assertEquals(descr, back.dtype());
        assertArrayEquals(shape, back.shape());

        NpyHeader header = Npy.readHeader(file);
        assertEquals(0, header.dataOffset() % 64, "data must start on a 64-byte boundary");
        assertEquals(header.dataOffset() + back.data().remaining(), Files.size(file));
        assertArrayEquals(shape, Npy.shapeOf(file));
    }

    @Test
    void headerIsPaddedToSixtyFourBytesWithSpacesAndNewline() throws IOException {
        Path file = dir.resolve("h.npy");
        Npy.write(file, NpyArray.ofFloats(new float[12], 3, 4));
        byte[] bytes = Files.readAllBytes(file);
        String header = new String(bytes, 10, 118, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertEquals(1, bytes[6]);
        assertEquals(0, bytes[7]);
        assertEquals(118, (bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8);
        assertEquals("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }", header.strip());
        assertEquals('\n', header.charAt(header.length() - 1));
    }

    @Test
    void writeReplacesAnExistingFileAndLeavesNoTempFiles() throws IOException {
        Path file = dir.resolve("r.npy");
        Npy.write(file, NpyArray.ofInts(new int[] {1, 2}, 2));
        Npy.write(file, NpyArray.ofInts(new int[] {3}, 1));
        assertArrayEquals(new int[] {3}, Npy.read(file).toIntArray());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void factoriesProduceTheNamedDtypes() {
        assertEquals("<f4", NpyArray.ofFloats(new float[] {1}, 1).dtype());
        assertEquals("<f8", NpyArray.ofDoubles(new double[] {1}).dtype()); // 0-d
        assertEquals("<i4", NpyArray.ofInts(new int[] {1, 2}, 2, 1).dtype());
        assertEquals("<i8", NpyArray.ofLongs(new long[] {1}, 1).dtype());
        assertEquals("|u1", NpyArray.ofBytes(new byte[0], 0, 7).dtype());
        assertArrayEquals(new float[] {1.5f, -2f}, NpyArray.ofFloats(new float[] {1.5f, -2f}, 2).toFloatArray());
        assertArrayEquals(new double[] {0.1}, NpyArray.ofDoubles(new double[] {0.1}, 1, 1).toDoubleArray());
        assertArrayEquals(new long[] {Long.MIN_VALUE}, NpyArray.ofLongs(new long[] {Long.MIN_VALUE}, 1).toLongArray());
        assertArrayEquals(new int[] {0, 255}, NpyArray.ofBytes(new byte[] {0, (byte) 255}, 2).toIntArray());
    }

    @Test
    void factoriesRejectDataThatDoesNotFillTheShape() {
        assertThrows(IllegalArgumentException.class, () -> NpyArray.ofFloats(new float[3], 2, 2));
        assertThrows(IllegalArgumentException.class, () -> NpyArray.ofInts(new int[3])); // () holds 1
        assertThrows(IllegalArgumentException.class, () -> NpyArray.ofLongs(new long[0], -1));
    }

    @Test
    void constructorNormalisesAndValidatesDtype() {
        ByteBuffer one = ByteBuffer.wrap(new byte[] {7});
        assertEquals("|u1", new NpyArray("<u1", new long[] {1}, one).dtype());
        assertEquals("|b1", new NpyArray("b1", new long[] {1}, one).dtype());
        assertThrows(IllegalArgumentException.class, () -> new NpyArray(">f4", new long[] {1}, ByteBuffer.allocate(4)));
        assertThrows(IllegalArgumentException.class, () -> new NpyArray("<U3", new long[] {1}, ByteBuffer.allocate(12)));
        assertThrows(IllegalArgumentException.class, () -> new NpyArray("<f4", new long[] {2}, ByteBuffer.allocate(4)));
    }

    @Test
    void conversionsCoverEveryNumericDtype() {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, -1L); // 2^64 - 1
        NpyArray u8 = new NpyArray("<u8", new long[] {1}, b);
        assertEquals(1.8446744073709552e19, u8.toDoubleArray()[0]);
        assertEquals(1.8446744e19f, u8.toFloatArray()[0]);
        assertThrows(IllegalArgumentException.class, u8::toLongArray);

        NpyArray i2 = new NpyArray("<i2", new long[] {2},
                ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putShort((short) -3).putShort((short) 300).flip());
        assertArrayEquals(new int[] {-3, 300}, i2.toIntArray());
        assertArrayEquals(new float[] {-3, 300}, i2.toFloatArray());

        NpyArray u4 = new NpyArray("<u4", new long[] {1},
                ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 0xFFFFFFFF));
        assertArrayEquals(new long[] {4294967295L}, u4.toLongArray());
        assertThrows(IllegalArgumentException.class, u4::toIntArray);

        NpyArray i8 = NpyArray.ofLongs(new long[] {(1L << 53) + 1}, 1);
        assertEquals((float) ((1L << 53) + 1), i8.toFloatArray()[0]);
        assertThrows(IllegalArgumentException.class, i8::toIntArray);

        NpyArray bools = new NpyArray("|b1", new long[] {2}, ByteBuffer.wrap(new byte[] {1, 0}));
        assertArrayEquals(new double[] {1, 0}, bools.toDoubleArray());
        assertArrayEquals(new int[] {1, 0}, bools.toIntArray());

        assertThrows(IllegalArgumentException.class, () -> NpyArray.ofFloats(new float[] {1}, 1).toIntArray());
        assertArrayEquals(new float[] {0.25f}, NpyArray.ofDoubles(new double[] {0.25}).toFloatArray());
        assertArrayEquals(new double[] {7}, NpyArray.ofInts(new int[] {7}).toDoubleArray());
    }

    @Test
    void equalityIsByDtypeShapeAndBytes() {
        NpyArray a = NpyArray.ofFloats(new float[] {1, 2, 3, 4}, 2, 2);
        assertEquals(a, NpyArray.ofFloats(new float[] {1, 2, 3, 4}, 2, 2));
        assertEquals(a.hashCode(), NpyArray.ofFloats(new float[] {1, 2, 3, 4}, 2, 2).hashCode());
        assertNotEquals(a, NpyArray.ofFloats(new float[] {1, 2, 3, 4}, 4));
        assertNotEquals(a, NpyArray.ofInts(new int[] {1, 2, 3, 4}, 2, 2));
        assertNotEquals(a, NpyArray.ofFloats(new float[] {1, 2, 3, 5}, 2, 2));
        assertEquals("NpyArray[dtype=<f4, shape=(2, 2), bytes=16]", a.toString());
    }

    @Test
    void accessorsDoNotExposeMutableState() {
        NpyArray a = NpyArray.ofFloats(new float[] {1, 2}, 2);
        a.shape()[0] = 99;
        a.data().getFloat(); // a relative read must not move anyone else's position
        assertArrayEquals(new long[] {2}, a.shape());
        assertEquals(0, a.data().position());
        assertEquals(ByteOrder.LITTLE_ENDIAN, a.data().order());
    }
}
