package org.ipb.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Temporary files and folders are created owner-only; results moved out of them must be readable
 * by the lab's other accounts like any file written directly (rw-r--r--, rwxr-xr-x).
 */
public final class FilePermissions {
    private FilePermissions() {}

    public static void makeShared(Path p) {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
                    Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: its defaults apply.
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
