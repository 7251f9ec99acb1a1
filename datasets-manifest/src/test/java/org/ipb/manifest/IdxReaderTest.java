package org.ipb.manifest;

import static org.ipb.manifest.Fixtures.bytes;
import static org.ipb.manifest.Fixtures.gzip;
import static org.ipb.manifest.Fixtures.idx;
import static org.ipb.manifest.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.ipb.core.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir
    Path dir;

    /** Two 2x3 images: 0 1 2 / 127 128 255 and 3 4 5 / 6 7 8. */
    private static final byte[] TWO_IMAGES = idx(0x08, new int[] {2, 2, 3}, bytes(0, 1, 2, 127, 128, 255, 3, 4, 5, 6, 7, 8));

    @Test
    void readsPlainUnsignedBytes() {
        IdxArray a = IdxReader.read(write(dir.resolve("img.idx"), TWO_IMAGES));
        assertEquals(IdxArray.UNSIGNED_BYTE, a.typeCode());
        assertArrayEquals(new int[] {2, 2, 3}, a.dims());
        assertEquals(12, a.data().length);
        assertEquals(127.0, a.value(3));
        assertEquals(255.0, a.value(5), "unsigned: 0xFF is 255, not -1");
        assertEquals(8.0, a.value(11));
        assertEquals("3-D unsigned byte [2 x 2 x 3]", a.describe());
    }

    @Test
    void unGzipsTransparentlyWhenFileStartsWith1f8b() {
        IdxArray plain = IdxReader.read(write(dir.resolve("img.idx"), TWO_IMAGES));
        IdxArray gzipped = IdxReader.read(write(dir.resolve("img.idx.gz"), gzip(TWO_IMAGES)));
        assertEquals(plain, gzipped);
    }

    @Test
    void decodesEveryTypeBigEndian() {
        assertEquals(-1.0, read(0x09, 1, bytes(0xFF)).value(0));
        assertEquals(-32768.0, read(0x0B, 1, bytes(0x80, 0x00)).value(0));
        IdxArray ints = read(0x0C, 2, bytes(0x00, 0x00, 0x01, 0x02, 0xFF, 0xFF, 0xFF, 0xFF));
        assertEquals(258.0, ints.value(0));
        assertEquals(-1.0, ints.value(1));
        assertEquals(1.5, read(0x0D, 1, bytes(0x3F, 0xC0, 0x00, 0x00)).value(0));
        assertEquals(2.0, read(0x0E, 1, bytes(0x40, 0, 0, 0, 0, 0, 0, 0)).value(0));
    }

    private IdxArray read(int type, int n, byte[] data) {
        return IdxReader.read(write(dir.resolve("t" + type + ".idx"), idx(type, new int[] {n}, data)));
    }

    @Test
    void missingFile() {
        Path f = dir.resolve("nope.idx.gz");
        assertEquals(f + ": file not found", assertThrows(UserError.class, () -> IdxReader.read(f)).getMessage());
    }

    @Test
    void truncatedGzipStream() {
        byte[] gz = gzip(TWO_IMAGES);
        Path f = write(dir.resolve("cut.gz"), Arrays.copyOf(gz, gz.length / 2));
        String m = assertThrows(UserError.class, () -> IdxReader.read(f)).getMessage();
        assertTrue(m.startsWith(f + ": corrupt gzip stream"), m);
    }

    @Test
    void damagedGzipStream() {
        byte[] gz = gzip(TWO_IMAGES);
        for (int i = 10; i < gz.length - 8; i++) {
            gz[i] = (byte) 0xFF; // wreck the deflate data, keep the gzip header
        }
        Path f = write(dir.resolve("bad.gz"), gz);
        String m = assertThrows(UserError.class, () -> IdxReader.read(f)).getMessage();
        assertTrue(m.startsWith(f + ": corrupt gzip stream"), m);
    }

    @Test
    void wrongMagic() {
        byte[] b = TWO_IMAGES.clone();
        b[0] = 0x12;
        b[1] = 0x34;
        Path f = write(dir.resolve("magic.idx"), b);
        assertEquals(f + ": not an IDX file: magic starts with 0x12 0x34, expected 0x00 0x00",
                assertThrows(UserError.class, () -> IdxReader.read(f)).getMessage());
    }

    @Test
    void unknownTypeCode() {
        Path f = write(dir.resolve("type.idx"), idx(0x07, new int[] {1}, bytes(0)));
        assertEquals(f + ": unknown IDX type code 0x07 (expected 0x08, 0x09, 0x0B, 0x0C, 0x0D or 0x0E)",
                assertThrows(UserError.class, () -> IdxReader.read(f)).getMessage());
    }

    @Test
    void truncatedData() {
        Path f = write(dir.resolve("short.idx"), idx(0x08, new int[] {10000, 28, 28}, new byte[1234]));
        assertEquals(f + ": truncated IDX data: expected 7840000 data bytes, found 1234",
                assertThrows(UserError.class, () -> IdxReader.read(f)).getMessage());
    }

    @Test
    void truncatedHeader() {
        byte[] header = Arrays.copyOf(idx(0x08, new int[] {2, 2, 3}, new byte[0]), 10); // 3 dims declared, 1.5 present
        Path f = write(dir.resolve("head.idx"), header);
        assertEquals(f + ": truncated IDX header: 3 dimensions need 12 bytes after the magic, found 6",
                assertThrows(UserError.class, () -> IdxReader.read(f)).getMessage());
        Path tiny = write(dir.resolve("tiny.idx"), bytes(0, 0));
        assertEquals(tiny + ": truncated IDX header: 2 bytes, expected at least 4",
                assertThrows(UserError.class, () -> IdxReader.read(tiny)).getMessage());
    }

    @Test
    void trailingBytes() {
        byte[] b = Arrays.copyOf(TWO_IMAGES, TWO_IMAGES.length + 3);
        Path f = write(dir.resolve("long.idx"), gzip(b));
        assertEquals(f + ": 3 trailing bytes after the expected 12 data bytes",
                assertThrows(UserError.class, () -> IdxReader.read(f)).getMessage());
    }

    @Test
    void zeroDimensions() {
        Path f = write(dir.resolve("scalar.idx"), bytes(0, 0, 8, 0));
        assertEquals(f + ": IDX header declares 0 dimensions",
                assertThrows(UserError.class, () -> IdxReader.read(f)).getMessage());
    }
}
