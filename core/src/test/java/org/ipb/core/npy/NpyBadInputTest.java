package org.ipb.core.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.ipb.core.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Every malformed input is a one-line UserError that names the file and says what is wrong. */
class NpyBadInputTest {
    @TempDir
    Path dir;

    static UserError assertUserError(Path file, String expectedFragment, Executable read) {
        UserError e = assertThrows(UserError.class, read);
        String message = e.getMessage();
        assertTrue(message.contains(file.getFileName().toString()), () -> "no file name in: " + message);
        assertTrue(message.contains(expectedFragment), () -> "expected '" + expectedFragment + "' in: " + message);
        assertFalse(message.contains("\n"), message);
        return e;
    }

    Path copyOfFixture(String name) throws IOException {
        Path copy = dir.resolve(name);
        Files.copy(Fixtures.path(name), copy);
        return copy;
    }

    /** A .npy preamble with an arbitrary header dict, padded as numpy pads it. */
    Path withHeader(String name, String dict, byte[] data) throws IOException {
        byte[] text = dict.getBytes(StandardCharsets.ISO_8859_1);
        int preamble = (10 + text.length + 1 + 63) / 64 * 64; // magic, version, uint16 length, header
        int headerLength = preamble - 10;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) headerLength, (byte) (headerLength >> 8)});
        out.write(text);
        out.write(" ".repeat(headerLength - text.length - 1).getBytes(StandardCharsets.US_ASCII));
        out.write('\n');
        out.write(data);
        Path file = dir.resolve(name);
        Files.write(file, out.toByteArray());
        return file;
    }

    @Test
    void badMagic() throws IOException {
        Path file = dir.resolve("notnumpy.npy");
        Files.writeString(file, "PK\u0003\u0004 this is not an array");
        assertUserError(file, "bad magic", () -> Npy.read(file));
        assertUserError(file, "bad magic", () -> Npy.readHeader(file));
    }

    @Test
    void tooShortForMagic() throws IOException {
        Path file = dir.resolve("short.npy");
        Files.write(file, new byte[] {(byte) 0x93, 'N', 'U'});
        assertUserError(file, "not a .npy file", () -> Npy.read(file));
    }

    @Test
    void unknownVersion() throws IOException {
        Path file = copyOfFixture("f4_3x4.npy");
        byte[] bytes = Files.readAllBytes(file);
        bytes[6] = 4;
        Files.write(file, bytes);
        assertUserError(file, "version 4.0", () -> Npy.read(file));
    }

    @Test
    void truncatedHeader() throws IOException {
        Path file = copyOfFixture("f4_3x4.npy");
        Files.write(file, Arrays.copyOf(Files.readAllBytes(file), 40));
        assertUserError(file, "truncated header", () -> Npy.read(file));
    }

    @Test
    void truncatedData() throws IOException {
        Path file = copyOfFixture("f4_3x4.npy");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 5));
        assertUserError(file, "truncated data", () -> Npy.read(file));
        assertUserError(file, "truncated data", () -> Npy.readHeader(file));
    }

    @Test
    void dataLongerThanShape() throws IOException {
        Path file = copyOfFixture("f4_3x4.npy");
        Files.write(file, new byte[] {0, 0, 0, 0}, StandardOpenOption.APPEND);
        assertUserError(file, "4 unexpected bytes after the data", () -> Npy.read(file));
    }

    @Test
    void unsupportedStringDtypeWrittenByNumpy() throws IOException {
        Path file = copyOfFixture("u3_2.npy");
        assertUserError(file, "unsupported dtype '<U3'", () -> Npy.read(file));
        assertUserError(file, "unsupported dtype '<U3'", () -> Npy.shapeOf(file));
    }

    @Test
    void unsupportedObjectAndStructuredDtypes() throws IOException {
        Path object = withHeader("object.npy", "{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", new byte[8]);
        assertUserError(object, "unsupported dtype '|O'", () -> Npy.read(object));
        Path structured = withHeader("rec.npy",
                "{'descr': [('x', '<f4'), ('y', '<i4')], 'fortran_order': False, 'shape': (1,), }", new byte[8]);
        assertUserError(structured, "structured dtypes are not supported", () -> Npy.read(structured));
    }

    @Test
    void headerNotADict() throws IOException {
        Path file = withHeader("list.npy", "['descr', '<f4']", new byte[0]);
        assertUserError(file, "header is not a dict", () -> Npy.read(file));
        Path garbage = withHeader("garbage.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (1,)", new byte[4]);
        assertUserError(garbage, "header is not a Python literal", () -> Npy.read(garbage));
    }

    @Test
    void wrongKeysOrValues() throws IOException {
        Path missing = withHeader("keys.npy", "{'descr': '<f4', 'shape': (1,), }", new byte[4]);
        assertUserError(missing, "header keys are", () -> Npy.read(missing));
        Path badShape = withHeader("shape.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (2, -1), }",
                new byte[0]);
        assertUserError(badShape, "shape is not a tuple of non-negative ints: (2, -1)", () -> Npy.read(badShape));
        Path listShape = withHeader("shape2.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': [1], }",
                new byte[4]);
        assertUserError(listShape, "shape is not", () -> Npy.read(listShape));
        Path badOrder = withHeader("order.npy", "{'descr': '<f4', 'fortran_order': 0, 'shape': (1,), }", new byte[4]);
        assertUserError(badOrder, "fortran_order is not a bool", () -> Npy.read(badOrder));
    }

    @Test
    void headersNumpyAcceptsButDoesNotWrite() throws IOException {
        // Double quotes, other key order, no trailing comma, Python 2 long suffix, tabs.
        Path file = withHeader("odd.npy", "{\"shape\":(2L,),\t\"fortran_order\":False,\"descr\":\"<i4\"}",
                new byte[] {1, 0, 0, 0, 2, 0, 0, 0});
        assertArrayEquals(new int[] {1, 2}, Npy.read(file).toIntArray());
    }

    @Test
    void missingFile() {
        Path file = dir.resolve("absent.npy");
        assertUserError(file, "file not found", () -> Npy.read(file));
        assertUserError(file, "file not found", () -> Npz.read(file));
    }

    @Test
    void corruptNpz() throws IOException {
        Path file = dir.resolve("broken.npz");
        Files.writeString(file, "definitely not a zip archive");
        assertUserError(file, "not a valid .npz", () -> Npz.read(file));

        Path truncated = dir.resolve("truncated.npz");
        byte[] bytes = Files.readAllBytes(Fixtures.path("arrays_compressed.npz"));
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        assertUserError(truncated, "not a valid .npz", () -> Npz.read(truncated));
    }

    @Test
    void npzWithDamagedStoredData() throws IOException {
        Path file = dir.resolve("damaged.npz");
        Npz.write(file, Map.of("x", NpyArray.ofInts(new int[] {0x11223344}, 1)), false);
        byte[] bytes = Files.readAllBytes(file);
        for (int i = 0; i + 4 <= bytes.length; i++) {
            if (bytes[i] == 0x44 && bytes[i + 1] == 0x33 && bytes[i + 2] == 0x22 && bytes[i + 3] == 0x11) {
                bytes[i] = 0x45; // one flipped bit inside the stored array data
            }
        }
        Files.write(file, bytes);
        assertUserError(file, "entry 'x.npy': corrupt entry: CRC-32 mismatch", () -> Npz.read(file));
    }

    @Test
    void npzPassedToNpyRead() {
        Path file = Fixtures.path("arrays.npz");
        assertUserError(file, "looks like a zip archive", () -> Npy.read(file));
    }

    @Test
    void npzEntryErrorsNameTheEntry() throws IOException {
        Path file = dir.resolve("entries.npz");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("bad.npy"));
            zip.write("not numpy".getBytes(StandardCharsets.US_ASCII));
            zip.closeEntry();
        }
        assertUserError(file, "entry 'bad.npy': not a .npy file", () -> Npz.read(file));

        Path other = dir.resolve("other.npz");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(other))) {
            zip.putNextEntry(new ZipEntry("readme.txt"));
            zip.closeEntry();
        }
        assertUserError(other, "entry 'readme.txt': not a .npy entry", () -> Npz.read(other));
    }

    @Test
    void writeToMissingDirectoryIsAUserError() {
        Path file = dir.resolve("no/such/dir/out.npy");
        assertUserError(file, "cannot write", () -> Npy.write(file, NpyArray.ofInts(new int[] {1}, 1)));
    }
}
