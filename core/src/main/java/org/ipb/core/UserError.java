package org.ipb.core;

import java.nio.file.Path;

/**
 * A problem with what the user gave us (a file, an argument, a manifest), as opposed to a bug.
 *
 * <p>The CLI prints {@link #getMessage()} as a single line and exits with {@link #EXIT_CODE}; no
 * stack trace unless {@code --debug}. Messages name the file first, then the problem, so that a
 * user can act on them without reading code.
 */
public class UserError extends RuntimeException {
    /** Exit code for every user-facing error (see docs/ARCHITECTURE.md, "Errors"). */
    public static final int EXIT_CODE = 2;

    public UserError(String message) {
        super(oneLine(message));
    }

    public UserError(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    /** An error about one file: rendered as {@code "<file>: <problem>"}. */
    public UserError(Path file, String problem) {
        this(file + ": " + problem);
    }

    public UserError(Path file, String problem, Throwable cause) {
        this(file + ": " + problem, cause);
    }

    private static String oneLine(String s) {
        return s == null ? "unknown error" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
