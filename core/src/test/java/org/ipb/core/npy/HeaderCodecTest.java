package org.ipb.core.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The header text and the Python-literal parser behind it. */
class HeaderCodecTest {
    @TempDir
    Path dir;

    @Test
    void shapesAreWrittenAsPythonTuples() {
        assertEquals("()", Shapes.repr(new long[0]));
        assertEquals("(5,)", Shapes.repr(new long[] {5}));
        assertEquals("(3, 4)", Shapes.repr(new long[] {3, 4}));
    }

    @Test
    void versionTwoOnlyWhenTheHeaderOutgrowsSixtyFourKiB() throws IOException {
        byte[] small = HeaderCodec.encode("<f4", new long[] {3, 4});
        assertEquals(1, small[6]);
        assertEquals(128, small.length);

        // numpy would refuse this many dimensions, but it is the only way to need format 2.0.
        long[] shape = new long[25_000];
        Arrays.fill(shape, 1);
        byte[] big = HeaderCodec.encode("<f4", shape);
        assertEquals(2, big[6]);
        assertEquals(0, big.length % 64);
        assertEquals(big.length - 12, ByteBuffer.wrap(big, 8, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt());
        assertEquals('\n', big[big.length - 1]);

        NpyHeader decoded = HeaderCodec.decode(new ByteArrayInputStream(big), Origin.of(Path.of("big.npy")));
        assertArrayEquals(shape, decoded.shape());
        assertEquals(big.length, decoded.dataOffset());

        Path file = dir.resolve("big.npy");
        Npy.write(file, NpyArray.ofFloats(new float[] {42}, shape));
        assertEquals(NpyArray.ofFloats(new float[] {42}, shape), Npy.read(file));
        assertEquals(2, Files.readAllBytes(file)[6]);
    }

    @Test
    void parsesPythonLiterals() throws PyLiteral.SyntaxError {
        assertEquals(new PyLiteral.Tuple(List.of()), PyLiteral.parse("()"));
        assertEquals(new PyLiteral.Tuple(List.of(5L)), PyLiteral.parse("(5,)"));
        assertEquals(5L, PyLiteral.parse(" (5) ")); // parentheses alone do not make a tuple
        assertEquals(new PyLiteral.Tuple(List.of(3L, 4L)), PyLiteral.parse("(3,4,)"));
        assertEquals(List.of("a", true, false), PyLiteral.parse("['a', True, False]"));
        assertNull(PyLiteral.parse("None"));
        assertEquals("it's", PyLiteral.parse("'it\\'s'"));
        assertEquals(Map.of("k", -7L), PyLiteral.parse("{\"k\" : -7 ,}\n"));
    }

    @Test
    void rejectsWhatLiteralEvalWouldReject() {
        for (String bad : new String[] {"", "{", "{'a' 1}", "(1 2)", "'open", "1.5", "foo", "{'a': 1} x",
            "99999999999999999999"}) {
            assertThrows(PyLiteral.SyntaxError.class, () -> PyLiteral.parse(bad), bad);
        }
    }

    @Test
    void reprMatchesPython() throws PyLiteral.SyntaxError {
        String text = "{'descr': [('x', '<f4')], 'shape': (1,), 'b': None}";
        assertEquals(text, PyLiteral.repr(PyLiteral.parse(text)));
    }
}
