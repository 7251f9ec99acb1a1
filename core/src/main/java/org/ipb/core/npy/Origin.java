package org.ipb.core.npy;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.ipb.core.UserError;

/**
 * Where array bytes come from, so that errors name the file and, inside an .npz, the entry.
 *
 * @param entry zip entry name, or null for a plain .npy file
 */
record Origin(Path file, String entry) {
    static Origin of(Path file) {
        return new Origin(file, null);
    }

    UserError error(String problem) {
        return new UserError(file, entry == null ? problem : "entry '" + entry + "': " + problem);
    }

    UserError readError(IOException e) {
        if (e instanceof NoSuchFileException && entry == null) {
            return new UserError(file, "file not found", e);
        }
        return new UserError(file, (entry == null ? "" : "entry '" + entry + "': ") + "cannot read: " + describe(e), e);
    }

    /** A readable reason: NIO exceptions often carry only the path as their message. */
    static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
