package org.ipb.core.npy;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.ipb.core.UserError;

/**
 * Reads and writes .npz archives: zip files of .npy entries, as made by {@code np.savez}
 * (stored) and {@code np.savez_compressed} (deflated).
 */
public final class Npz {
    private Npz() {}

    private static final String SUFFIX = ".npy";
    /**
     * Entry timestamp. numpy stamps the current time; a fixed one makes our archives byte-for-byte
     * reproducible, so their SHA-256 in provenance records depends only on the arrays.
     */
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

    /**
     * Loads every array, in archive order, keyed as {@code numpy.load} keys them: the entry name
     * without ".npy".
     */
    public static Map<String, NpyArray> read(Path file) {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (!entry.isDirectory()) {
                    readEntry(zip, entry, file, arrays);
                }
            }
        } catch (ZipException e) {
            throw new UserError(file, "not a valid .npz (zip) archive: " + Origin.describe(e), e);
        } catch (NoSuchFileException e) {
            throw new UserError(file, "file not found", e);
        } catch (IOException e) {
            throw new UserError(file, "cannot read: " + Origin.describe(e), e);
        }
        return arrays;
    }

    private static void readEntry(ZipFile zip, ZipEntry entry, Path file, Map<String, NpyArray> arrays) {
        Origin origin = new Origin(file, entry.getName());
        String name = entry.getName();
        if (!name.endsWith(SUFFIX)) {
            throw origin.error("not a .npy entry; an .npz archive holds only .npy files");
        }
        String key = name.substring(0, name.length() - SUFFIX.length());
        if (arrays.containsKey(key)) {
            throw origin.error("duplicate entry");
        }
        // ZipFile does not verify CRCs (Python's zipfile, hence numpy, does): check them here.
        try (CheckedInputStream in = new CheckedInputStream(zip.getInputStream(entry), new CRC32())) {
            NpyHeader header = Npy.header(in, entry.getSize(), origin);
            NpyArray array = Npy.data(in, header, origin); // reads to the end of the entry
            if (entry.getCrc() != -1 && in.getChecksum().getValue() != entry.getCrc()) {
                throw origin.error("corrupt entry: CRC-32 mismatch");
            }
            arrays.put(key, array);
        } catch (IOException e) {
            // Inflater failures and entries cut short surface here.
            throw origin.error("corrupt entry: " + Origin.describe(e));
        }
    }

    /**
     * Writes the arrays atomically as entries "name.npy" in map order, deflated if {@code
     * compressed} (like {@code np.savez_compressed}), else stored (like {@code np.savez}).
     */
    public static void write(Path file, Map<String, NpyArray> arrays, boolean compressed) {
        arrays.forEach((name, array) -> {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("array names in an .npz must be non-empty");
            }
            if (array == null) {
                throw new IllegalArgumentException("array '" + name + "' is null");
            }
        });
        AtomicFile.write(file, channel -> {
            // The channel must stay open for AtomicFile's fsync, but the zip stream must be closed
            // to release its native deflater: shield the channel from that close.
            OutputStream shielded = new FilterOutputStream(Channels.newOutputStream(channel)) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    flush();
                }
            };
            try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(shielded, 1 << 16))) {
                for (Map.Entry<String, NpyArray> e : arrays.entrySet()) {
                    writeEntry(zip, e.getKey() + SUFFIX, e.getValue(), compressed);
                }
            }
        });
    }

    private static void writeEntry(ZipOutputStream zip, String name, NpyArray array, boolean compressed)
            throws IOException {
        byte[] header = HeaderCodec.encode(array.dtype(), array.shape());
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(ENTRY_TIME);
        if (compressed) {
            entry.setMethod(ZipEntry.DEFLATED);
        } else {
            // Stored entries need size and CRC before their data: the local header comes first.
            CRC32 crc = new CRC32();
            crc.update(header);
            crc.update(array.data());
            long size = header.length + (long) array.data().remaining();
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(size);
            entry.setCompressedSize(size);
            entry.setCrc(crc.getValue());
        }
        zip.putNextEntry(entry);
        zip.write(header);
        copy(array.data(), zip);
        zip.closeEntry();
    }

    /** Copies in chunks, for the same reason as {@link AtomicFile#writeFully}. */
    private static void copy(ByteBuffer data, OutputStream out) throws IOException {
        byte[] chunk = data.hasArray() ? null : new byte[Math.min(data.remaining(), AtomicFile.CHUNK)];
        while (data.hasRemaining()) {
            int n = Math.min(data.remaining(), AtomicFile.CHUNK);
            if (chunk == null) {
                out.write(data.array(), data.arrayOffset() + data.position(), n);
                data.position(data.position() + n);
            } else {
                data.get(chunk, 0, n);
                out.write(chunk, 0, n);
            }
        }
    }
}
