package org.ipb.core.npy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import org.ipb.core.UserError;

/**
 * Write-to-temp-then-rename, so that readers (and a crash) only ever see the old file or the
 * complete new one, never a half-written one.
 */
final class AtomicFile {
    private AtomicFile() {}

    /** Largest single I/O request; see {@link #writeFully}. */
    static final int CHUNK = 1 << 20;

    /** Writes the file's content to a channel; the channel is forced and renamed afterwards. */
    interface Content {
        void writeTo(FileChannel channel) throws IOException;
    }

    static void write(Path target, Content content) {
        Path tmp = tempFor(target);
        boolean committed = false;
        try {
            try (FileChannel channel = create(tmp)) {
                content.writeTo(channel);
                channel.force(true);
            }
            commit(tmp, target);
            committed = true;
        } catch (IOException e) {
            throw new UserError(target, "cannot write: " + Origin.describe(e), e);
        } finally {
            if (!committed) {
                discard(tmp);
            }
        }
    }

    /** A hidden sibling of {@code target}: same directory, hence same file system for the rename. */
    static Path tempFor(Path target) {
        Path abs = target.toAbsolutePath();
        String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong());
        return abs.resolveSibling("." + abs.getFileName() + "." + suffix + ".tmp");
    }

    /**
     * Creates the temp file with default permissions (Files.createTempFile would make it
     * owner-only, and the rename would carry that over to the final file).
     */
    static FileChannel create(Path tmp) throws IOException {
        return FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    static void commit(Path tmp, Path target) throws IOException {
        Files.move(tmp, target.toAbsolutePath(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Best-effort removal of a temp file after a failure that is already being reported. */
    static void discard(Path tmp) {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // the original failure matters more than a stray temp file
        }
    }

    /**
     * Writes all of {@code buffer}, at most {@link #CHUNK} bytes per call: NIO copies a heap buffer
     * through a temporary direct buffer as large as the write and caches it per thread, which for
     * a 1 GiB array would pin another 1 GiB of native memory.
     */
    static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        int end = buffer.limit();
        while (buffer.hasRemaining()) {
            buffer.limit(end - buffer.position() > CHUNK ? buffer.position() + CHUNK : end);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            buffer.limit(end);
        }
    }
}
