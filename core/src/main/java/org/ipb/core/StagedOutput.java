package org.ipb.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * An output folder that appears complete or not at all.
 *
 * <p>Files are written into a hidden sibling folder; {@link #commit()} moves them into the real
 * output folder (renaming the whole folder when it does not exist yet). Closing without commit
 * deletes the staging folder, so a failed run leaves nothing partial in {@code --out}.
 */
public final class StagedOutput implements AutoCloseable {
    private final Path target;
    private final Path staging;
    private boolean committed;

    private StagedOutput(Path target, Path staging) {
        this.target = target;
        this.staging = staging;
    }

    /** Starts staging for {@code target}; nothing is created at {@code target} itself. */
    public static StagedOutput begin(Path target) {
        Path abs = target.toAbsolutePath().normalize();
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new UserError(target, "output exists and is not a folder");
        }
        Path parent = abs.getParent();
        try {
            Files.createDirectories(parent);
            Path staging = Files.createTempDirectory(parent, "." + abs.getFileName() + ".partial-");
            FilePermissions.makeShared(staging);
            return new StagedOutput(abs, staging);
        } catch (IOException e) {
            throw new UserError(target, "cannot create output folder: " + e.getMessage(), e);
        }
    }

    /** Where to write a file that will end up as {@code <target>/<name>}. */
    public Path file(String name) {
        return staging.resolve(name);
    }

    /** The final location of the output folder. */
    public Path target() {
        return target;
    }

    /** Moves everything staged into the target folder. */
    public void commit() {
        try {
            if (!Files.exists(target)) {
                try {
                    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                    committed = true;
                    return;
                } catch (AtomicMoveNotSupportedException e) {
                    Files.createDirectories(target);
                }
            }
            List<Path> files;
            try (Stream<Path> s = Files.list(staging)) {
                files = s.sorted().toList();
            }
            for (Path f : files) {
                Path dest = target.resolve(f.getFileName().toString());
                if (Files.isDirectory(dest) && Files.isDirectory(f)) {
                    deleteTree(dest);
                }
                Files.move(f, dest, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.delete(staging);
            committed = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move results into " + target, e);
        }
    }

    @Override
    public void close() {
        if (!committed) {
            deleteTree(staging);
        }
    }

    /** Deletes a folder and everything in it; a missing folder is fine. */
    public static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
