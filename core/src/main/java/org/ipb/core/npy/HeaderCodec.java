package org.ipb.core.npy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Encodes and decodes the .npy preamble: magic, version, header length and the header dict.
 *
 * <p>Encoding reproduces numpy's {@code numpy.lib.format} byte for byte, so a file we write is
 * identical to {@code np.save} of the same array.
 */
final class HeaderCodec {
    private HeaderCodec() {}

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** Magic plus the two version bytes (numpy's MAGIC_LEN). */
    private static final int MAGIC_LEN = MAGIC.length + 2;
    /** numpy aligns the data to 64 bytes so that it can be memory-mapped with any dtype. */
    static final int ALIGN = 64;
    /** numpy leaves room for the growth axis to reach this many digits when appending in place. */
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;
    private static final Set<Object> KEYS = Set.of("descr", "fortran_order", "shape");
    private static final int MAX_V1_HEADER = 0xFFFF;

    /** The preamble numpy writes for a C-order array: version 1.0, or 2.0 if the header needs it. */
    static byte[] encode(String descr, long[] shape) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + Shapes.repr(shape) + ", }";
        if (shape.length > 0) {
            dict += " ".repeat(Math.max(0, GROWTH_AXIS_MAX_DIGITS - Long.toString(shape[0]).length()));
        }
        byte[] text = dict.getBytes(StandardCharsets.US_ASCII);
        byte[] v1 = wrap(text, 1);
        return v1 != null ? v1 : wrap(text, 2);
    }

    /** Pads to the alignment as numpy's _wrap_header does; null if too long for the version. */
    private static byte[] wrap(byte[] text, int major) {
        int lengthBytes = major == 1 ? 2 : 4;
        int hlen = text.length + 1; // + the final '\n'
        // numpy pads a full ALIGN bytes (not zero) when already aligned; match it.
        int pad = ALIGN - (MAGIC_LEN + lengthBytes + hlen) % ALIGN;
        long headerLength = (long) hlen + pad;
        if (major == 1 && headerLength > MAX_V1_HEADER) {
            return null;
        }
        byte[] out = new byte[MAGIC_LEN + lengthBytes + (int) headerLength];
        System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
        out[MAGIC.length] = (byte) major;
        out[MAGIC.length + 1] = 0;
        for (int i = 0; i < lengthBytes; i++) {
            out[MAGIC_LEN + i] = (byte) (headerLength >>> (8 * i)); // little-endian
        }
        int at = MAGIC_LEN + lengthBytes;
        System.arraycopy(text, 0, out, at, text.length);
        Arrays.fill(out, at + text.length, out.length - 1, (byte) ' ');
        out[out.length - 1] = '\n';
        return out;
    }

    /**
     * Reads and validates the preamble from {@code in}, leaving it positioned at the first data
     * byte. The descr is returned as stored (byte order included) but must be one we support.
     */
    static NpyHeader decode(InputStream in, Origin origin) throws IOException {
        byte[] magic = in.readNBytes(MAGIC_LEN);
        for (int i = 0; i < Math.min(magic.length, MAGIC.length); i++) {
            if (magic[i] != MAGIC[i]) {
                boolean zip = magic.length >= 2 && magic[0] == 'P' && magic[1] == 'K';
                throw origin.error("not a .npy file (bad magic string, expected \\x93NUMPY"
                        + (zip ? "; this looks like a zip archive, e.g. an .npz" : "") + ")");
            }
        }
        if (magic.length < MAGIC_LEN) {
            throw origin.error("not a .npy file (only " + magic.length + " bytes)");
        }
        int major = magic[6] & 0xFF;
        int minor = magic[7] & 0xFF;
        if (minor != 0 || major < 1 || major > 3) {
            throw origin.error("unsupported .npy format version " + major + "." + minor + " (known: 1.0, 2.0, 3.0)");
        }
        int lengthBytes = major == 1 ? 2 : 4;
        byte[] len = in.readNBytes(lengthBytes);
        if (len.length < lengthBytes) {
            throw origin.error("truncated header (file ends inside the header length)");
        }
        long headerLength = 0;
        for (int i = lengthBytes - 1; i >= 0; i--) {
            headerLength = (headerLength << 8) | (len[i] & 0xFF);
        }
        if (headerLength > Integer.MAX_VALUE - 8) {
            throw origin.error("implausible header length " + headerLength);
        }
        byte[] text = in.readNBytes((int) headerLength);
        if (text.length < headerLength) {
            throw origin.error("truncated header (expected " + headerLength + " bytes, got " + text.length + ")");
        }
        // Versions 1.0 and 2.0 are latin-1; 3.0 exists only to allow UTF-8 field names.
        Charset charset = major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
        long dataOffset = MAGIC_LEN + lengthBytes + headerLength;
        return parseDict(new String(text, charset), dataOffset, origin);
    }

    private static NpyHeader parseDict(String text, long dataOffset, Origin origin) {
        Object parsed;
        try {
            parsed = PyLiteral.parse(text);
        } catch (PyLiteral.SyntaxError e) {
            throw origin.error("header is not a Python literal (" + e.getMessage() + ")");
        }
        if (!(parsed instanceof Map<?, ?> dict)) {
            throw origin.error("header is not a dict: " + abbreviate(PyLiteral.repr(parsed)));
        }
        if (!dict.keySet().equals(KEYS)) {
            throw origin.error("header keys are " + abbreviate(PyLiteral.repr(List.copyOf(dict.keySet())))
                    + ", expected 'descr', 'fortran_order' and 'shape'");
        }
        Object descr = dict.get("descr");
        if (!(descr instanceof String s) || DType.parse(s) == null) {
            String kind = descr instanceof List ? " (structured dtypes are not supported)" : "";
            throw origin.error("unsupported dtype " + abbreviate(PyLiteral.repr(descr)) + kind
                    + "; supported: " + DType.supportedList());
        }
        if (!(dict.get("fortran_order") instanceof Boolean fortran)) {
            throw origin.error("fortran_order is not a bool: " + abbreviate(PyLiteral.repr(dict.get("fortran_order"))));
        }
        long[] shape = shapeOf(dict.get("shape"));
        if (shape == null) {
            throw origin.error("shape is not a tuple of non-negative ints: " + abbreviate(PyLiteral.repr(dict.get("shape"))));
        }
        try {
            Shapes.bytes(shape, DType.parse(s).type().size);
        } catch (IllegalArgumentException e) {
            throw origin.error(e.getMessage());
        }
        return new NpyHeader(s, fortran, shape, dataOffset);
    }

    private static long[] shapeOf(Object value) {
        if (!(value instanceof PyLiteral.Tuple t)) {
            return null;
        }
        long[] shape = new long[t.items().size()];
        for (int i = 0; i < shape.length; i++) {
            if (!(t.items().get(i) instanceof Long d) || d < 0) {
                return null;
            }
            shape[i] = d;
        }
        return shape;
    }

    /** Keeps a garbage header from turning into a page-long error message. */
    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }
}
