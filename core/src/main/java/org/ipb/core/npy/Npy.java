package org.ipb.core.npy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes single arrays in numpy's .npy format.
 *
 * <p>Files we write are byte-identical to {@code np.save} of the same array (format 1.0,
 * little-endian, C order). Every problem with an input file is a {@link org.ipb.core.UserError}
 * naming the file.
 */
public final class Npy {
    private Npy() {}

    /** A ByteBuffer (backed by a Java array) holds at most this; keeps clear of the VM array limit. */
    private static final long MAX_IN_MEMORY_BYTES = Integer.MAX_VALUE - 8;

    /** Loads the whole array, converted to little-endian C order. */
    public static NpyArray read(Path file) {
        Origin origin = Origin.of(file);
        try (InputStream in = Files.newInputStream(file)) {
            NpyHeader header = header(in, Files.size(file), origin);
            return data(in, header, origin);
        } catch (IOException e) {
            throw origin.readError(e);
        }
    }

    /** Reads and validates only the header, including that the file holds exactly the data it declares. */
    public static NpyHeader readHeader(Path file) {
        Origin origin = Origin.of(file);
        try (InputStream in = Files.newInputStream(file)) {
            return header(in, Files.size(file), origin);
        } catch (IOException e) {
            throw origin.readError(e);
        }
    }

    /** The shape from the header, without reading the data. */
    public static long[] shapeOf(Path file) {
        return readHeader(file).shape();
    }

    /** Writes the array atomically: a crash leaves either the old file or the complete new one. */
    public static void write(Path file, NpyArray array) {
        byte[] header = HeaderCodec.encode(array.dtype(), array.shape());
        AtomicFile.write(file, channel -> {
            AtomicFile.writeFully(channel, ByteBuffer.wrap(header));
            AtomicFile.writeFully(channel, array.data());
        });
    }

    /**
     * Decodes the header and checks it against the stream's total length.
     *
     * @param totalBytes length of the whole .npy stream, or -1 if unknown
     */
    static NpyHeader header(InputStream in, long totalBytes, Origin origin) throws IOException {
        NpyHeader header = HeaderCodec.decode(in, origin);
        if (totalBytes >= 0) {
            long expected = dataBytes(header);
            long actual = totalBytes - header.dataOffset();
            if (actual < expected) {
                throw origin.error("truncated data: shape " + Shapes.repr(header.shape()) + " of " + header.dtype()
                        + " needs " + expected + " bytes, found " + Math.max(actual, 0));
            }
            if (actual > expected) {
                throw origin.error((actual - expected) + " unexpected bytes after the data of shape "
                        + Shapes.repr(header.shape()) + " of " + header.dtype());
            }
        }
        return header;
    }

    /** Reads the data that follows {@code header} and converts it to little-endian C order. */
    static NpyArray data(InputStream in, NpyHeader header, Origin origin) throws IOException {
        DType.Parsed type = DType.parse(header.dtype());
        long expected = dataBytes(header);
        if (expected > MAX_IN_MEMORY_BYTES) {
            throw origin.error("array of " + expected + " bytes is too large to load into memory (limit 2 GiB)");
        }
        byte[] bytes = new byte[(int) expected];
        int read = 0;
        while (read < bytes.length) {
            // Chunked for the same reason as AtomicFile.writeFully.
            int n = in.read(bytes, read, Math.min(bytes.length - read, AtomicFile.CHUNK));
            if (n < 0) {
                throw origin.error("truncated data: needs " + expected + " bytes, found " + read);
            }
            read += n;
        }
        if (in.read() != -1) {
            throw origin.error("unexpected bytes after the data of shape " + Shapes.repr(header.shape()));
        }
        if (type.bigEndian()) {
            Layout.swapBytes(bytes, type.type().size);
        }
        if (header.fortranOrder()) {
            bytes = Layout.fortranToC(bytes, header.shape(), type.type().size);
        }
        return new NpyArray(type.type().descr, header.shape(), ByteBuffer.wrap(bytes));
    }

    private static long dataBytes(NpyHeader header) {
        return Shapes.bytes(header.shape(), DType.parse(header.dtype()).type().size);
    }
}
