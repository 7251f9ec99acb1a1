package org.ipb.core.npy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Objects;
import org.ipb.core.UserError;

/**
 * Writes a .npy file value by value, for arrays too large to hold in memory.
 *
 * <p>The header goes out first, then values in C order through a direct buffer. Everything lands
 * in a temp file that {@link #close()} renames into place only once exactly {@code
 * product(shape)} values have arrived, so the target never holds a partial array. Not thread-safe.
 *
 * <pre>{@code
 * try (NpyStreamWriter w = NpyStreamWriter.float32(path, rows, cols)) {
 *     for (float[] row : rows()) w.write(row, 0, row.length);
 * }
 * }</pre>
 */
public final class NpyStreamWriter implements AutoCloseable {
    private static final int BUFFER_BYTES = 1 << 20;

    private final Path file;
    private final Path tmp;
    private final long expected;
    private final ByteBuffer bytes;
    private final FloatBuffer floats; // view over bytes; its position is the fill level
    private FileChannel channel; // null once closed or aborted
    private long written;

    private NpyStreamWriter(Path file, String descr, long[] shape) {
        this.file = file;
        this.expected = Shapes.size(shape);
        this.bytes = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        this.floats = bytes.asFloatBuffer();
        this.tmp = AtomicFile.tempFor(file);
        try {
            channel = AtomicFile.create(tmp);
            AtomicFile.writeFully(channel, ByteBuffer.wrap(HeaderCodec.encode(descr, shape)));
        } catch (IOException e) {
            abort();
            throw writeError(e);
        }
    }

    /** Starts a float32 ({@code <f4}) file of the given shape; the header is written at once. */
    public static NpyStreamWriter float32(Path file, long... shape) {
        Objects.requireNonNull(file, "file");
        return new NpyStreamWriter(file, DType.FLOAT32.descr, shape.clone());
    }

    /** Appends {@code values[offset, offset + length)} in C order. */
    public void write(float[] values, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, values.length);
        if (channel == null) {
            throw new IllegalStateException(file + ": writer is already closed");
        }
        if (length > expected - written) {
            throw new IllegalStateException(file + ": " + length + " more values would exceed the "
                    + expected + " the shape holds (" + written + " written)");
        }
        while (length > 0) {
            int n = Math.min(length, floats.remaining());
            floats.put(values, offset, n);
            offset += n;
            length -= n;
            written += n;
            if (!floats.hasRemaining()) {
                flush();
            }
        }
    }

    /** Appends all of {@code values}. */
    public void write(float[] values) {
        write(values, 0, values.length);
    }

    /** Values accepted so far. */
    public long written() {
        return written;
    }

    /**
     * Finishes the file and moves it into place. If fewer values than the shape holds were
     * written, deletes the partial file instead and throws. Does nothing once closed or aborted.
     *
     * @throws IllegalStateException if the value count does not match the shape
     */
    @Override
    public void close() {
        if (channel == null) {
            return;
        }
        if (written != expected) {
            abort();
            throw new IllegalStateException(file + ": only " + written + " of " + expected
                    + " values were written; file not created");
        }
        try {
            flush();
            channel.force(true);
            channel.close();
            channel = null;
            AtomicFile.commit(tmp, file);
        } catch (IOException e) {
            abort();
            throw writeError(e);
        }
    }

    /** Gives up: deletes the temp file and leaves any existing target untouched. Idempotent. */
    public void abort() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the temp file is deleted next; nothing else to recover
            }
            channel = null;
        }
        AtomicFile.discard(tmp);
    }

    private void flush() {
        bytes.position(0).limit(floats.position() * Float.BYTES);
        try {
            AtomicFile.writeFully(channel, bytes);
        } catch (IOException e) {
            abort();
            throw writeError(e);
        }
        bytes.clear();
        floats.clear();
    }

    private UserError writeError(IOException e) {
        return new UserError(file, "cannot write: " + Origin.describe(e), e);
    }
}
