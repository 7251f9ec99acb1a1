package org.ipb.manifest;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.ipb.core.UserError;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST, as specified on Yann LeCun's MNIST page
 * (http://yann.lecun.com/exdb/mnist/, "THE IDX FILE FORMAT"):
 *
 * <pre>
 * magic: 0x00 0x00 &lt;type code&gt; &lt;number of dimensions&gt;
 *        type codes: 0x08 unsigned byte, 0x09 signed byte, 0x0B short (2 bytes), 0x0C int (4 bytes),
 *                    0x0D float (4 bytes), 0x0E double (8 bytes)
 * then one big-endian int32 per dimension, then the data, big-endian, last index changing fastest.
 * </pre>
 *
 * Files starting with the gzip magic 1f 8b are un-gzipped on the fly. Every problem is a
 * {@link UserError} naming the file.
 */
public final class IdxReader {
    private IdxReader() {}

    /** Arrays up to this many bytes fit in one Java array. */
    private static final long MAX_DATA_BYTES = Integer.MAX_VALUE - 8;

    public static IdxArray read(Path file) {
        boolean gzipped = false;
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            gzipped = startsWithGzipMagic(raw);
            InputStream in = gzipped ? new GZIPInputStream(raw, 1 << 16) : raw;
            return parse(file, in);
        } catch (NoSuchFileException e) {
            throw new UserError(file, "file not found");
        } catch (AccessDeniedException e) {
            throw new UserError(file, "permission denied");
        } catch (ZipException | EOFException e) {
            // Inside gzip, a short or damaged member surfaces as one of these two.
            if (gzipped) {
                throw new UserError(file, "corrupt gzip stream: " + e.getMessage(), e);
            }
            throw new UserError(file, "cannot read: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UserError(file, "cannot read: " + e.getMessage(), e);
        }
    }

    private static boolean startsWithGzipMagic(InputStream in) throws IOException {
        in.mark(2);
        boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        return gzip;
    }

    private static IdxArray parse(Path file, InputStream in) throws IOException {
        byte[] magic = new byte[4];
        int got = in.readNBytes(magic, 0, 4);
        if (got < 4) {
            throw new UserError(file, "truncated IDX header: " + got + " bytes, expected at least 4");
        }
        if (magic[0] != 0 || magic[1] != 0) {
            throw new UserError(file, String.format(
                    "not an IDX file: magic starts with 0x%02X 0x%02X, expected 0x00 0x00", magic[0], magic[1]));
        }
        int typeCode = magic[2] & 0xFF;
        if (IdxArray.elementSize(typeCode) == 0) {
            throw new UserError(file, String.format(
                    "unknown IDX type code 0x%02X (expected 0x08, 0x09, 0x0B, 0x0C, 0x0D or 0x0E)", typeCode));
        }
        int rank = magic[3] & 0xFF;
        if (rank == 0) {
            throw new UserError(file, "IDX header declares 0 dimensions");
        }
        byte[] dimBytes = new byte[4 * rank];
        got = in.readNBytes(dimBytes, 0, dimBytes.length);
        if (got < dimBytes.length) {
            throw new UserError(file, "truncated IDX header: " + rank + " dimensions need " + dimBytes.length
                    + " bytes after the magic, found " + got);
        }
        int[] dims = new int[rank];
        long dataBytes = IdxArray.elementSize(typeCode);
        for (int i = 0; i < rank; i++) {
            dims[i] = ByteBuffer.wrap(dimBytes, 4 * i, 4).getInt();
            if (dims[i] < 0) {
                throw new UserError(file, "IDX dimension " + i + " is negative (" + dims[i] + ")");
            }
            dataBytes = Math.min(dataBytes * dims[i], MAX_DATA_BYTES + 1); // saturate instead of overflowing
        }
        if (dataBytes > MAX_DATA_BYTES) {
            throw new UserError(file, "IDX array too large: more than " + MAX_DATA_BYTES + " data bytes");
        }
        byte[] data = new byte[(int) dataBytes];
        got = in.readNBytes(data, 0, data.length);
        if (got < data.length) {
            throw new UserError(file, "truncated IDX data: expected " + dataBytes + " data bytes, found " + got);
        }
        long trailing = in.transferTo(OutputStream.nullOutputStream());
        if (trailing > 0) {
            throw new UserError(file, trailing + " trailing bytes after the expected " + dataBytes + " data bytes");
        }
        return new IdxArray(typeCode, dims, data);
    }
}
