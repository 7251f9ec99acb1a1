package org.ipb.core.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyStreamWriterTest {
    @TempDir
    Path dir;

    static float[] values(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = i * 0.5f - 7;
        }
        return v;
    }

    List<Path> filesInDir() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    @Test
    void matchesNpyWriteByteForByte() throws IOException {
        // Large enough to cross the writer's 1 MiB buffer several times, in uneven chunks.
        int rows = 700;
        int cols = 1000;
        float[] all = values(rows * cols);
        Path streamed = dir.resolve("streamed.npy");
        try (NpyStreamWriter w = NpyStreamWriter.float32(streamed, rows, cols)) {
            for (int off = 0; off < all.length; off += 333_333) {
                w.write(all, off, Math.min(333_333, all.length - off));
            }
            assertEquals(all.length, w.written());
        }
        Path direct = dir.resolve("direct.npy");
        Npy.write(direct, NpyArray.ofFloats(all, rows, cols));
        assertArrayEquals(Files.readAllBytes(direct), Files.readAllBytes(streamed));
    }

    @Test
    void zeroDimensionalAndEmptyShapes() {
        Path scalar = dir.resolve("scalar.npy");
        try (NpyStreamWriter w = NpyStreamWriter.float32(scalar)) {
            w.write(new float[] {2.5f});
        }
        assertEquals(NpyArray.ofFloats(new float[] {2.5f}), Npy.read(scalar));

        Path empty = dir.resolve("empty.npy");
        NpyStreamWriter.float32(empty, 0, 3).close();
        assertEquals(NpyArray.ofFloats(new float[0], 0, 3), Npy.read(empty));
    }

    @Test
    void tooFewValuesFailsAndLeavesNoFile() throws IOException {
        Path file = dir.resolve("partial.npy");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
            try (NpyStreamWriter w = NpyStreamWriter.float32(file, 2, 3)) {
                w.write(values(5), 0, 5);
            }
        });
        assertEquals(file + ": only 5 of 6 values were written; file not created", e.getMessage());
        assertEquals(List.of(), filesInDir());
    }

    @Test
    void failureKeepsThePreviousFile() throws IOException {
        Path file = dir.resolve("keep.npy");
        NpyArray old = NpyArray.ofFloats(new float[] {1}, 1);
        Npy.write(file, old);
        assertThrows(IllegalStateException.class, () -> NpyStreamWriter.float32(file, 4).close());
        assertEquals(old, Npy.read(file));
        assertEquals(List.of(file), filesInDir());
    }

    @Test
    void tooManyValuesIsRejectedWithoutWritingThem() {
        Path file = dir.resolve("over.npy");
        try (NpyStreamWriter w = NpyStreamWriter.float32(file, 3)) {
            w.write(values(2));
            assertThrows(IllegalStateException.class, () -> w.write(values(2)));
            assertEquals(2, w.written());
            w.write(values(1));
        }
        assertArrayEquals(new float[] {-7, -6.5f, -7}, Npy.read(file).toFloatArray());
    }

    @Test
    void abortDeletesTheTempFile() throws IOException {
        Path file = dir.resolve("aborted.npy");
        NpyStreamWriter w = NpyStreamWriter.float32(file, 2);
        w.write(values(2));
        w.abort();
        w.close(); // no-op after abort
        assertEquals(List.of(), filesInDir());
        assertThrows(IllegalStateException.class, () -> w.write(values(1)));
    }

    @Test
    void rejectsBadArguments() {
        Path file = dir.resolve("bad.npy");
        assertThrows(IllegalArgumentException.class, () -> NpyStreamWriter.float32(file, -1));
        try (NpyStreamWriter w = NpyStreamWriter.float32(file, 2)) {
            assertThrows(IndexOutOfBoundsException.class, () -> w.write(new float[2], 1, 2));
            w.write(new float[2]);
        }
        assertFalse(Files.notExists(file));
    }

    @Test
    void tenMillionFloatsIsFast() {
        int n = 10_000_000;
        float[] chunk = values(100_000);
        Path file = dir.resolve("big.npy");
        // The spec asks for well under a second; the limit leaves room for slow CI disks.
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            long start = System.nanoTime();
            try (NpyStreamWriter w = NpyStreamWriter.float32(file, n / 1000, 1000)) {
                for (int i = 0; i < n; i += chunk.length) {
                    w.write(chunk, 0, chunk.length);
                }
            }
            System.out.printf("NpyStreamWriter: 10M floats in %d ms%n", (System.nanoTime() - start) / 1_000_000);
        });
        assertArrayEquals(new long[] {n / 1000, 1000}, Npy.shapeOf(file));
    }
}
