package org.ipb.manifest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.ipb.core.UserError;

/**
 * Lists an image folder in the ImageNet-val layout: one subfolder per class, images anywhere
 * below it. Classes are the subfolder names in sorted order (label = position); within a class,
 * images are sorted by relative path. Hidden folders (".git", ".ipynb_checkpoints") are not
 * classes. Nothing is decoded here.
 */
final class ImageFolderListing {
    private ImageFolderListing() {}

    static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif");
    private static final String EXTENSION_LIST = String.join(", ", IMAGE_EXTENSIONS.stream().sorted().toList());

    static ImageFileStimulusSet open(ManifestFile<StimulusSetManifest> mf, StimulusSource.ImageFolderSource source) {
        Path root = mf.resolve(source.root());
        if (!Files.isDirectory(root)) {
            throw new UserError(root, Files.exists(root) ? "not a directory (image-folder root)" : "image folder not found");
        }
        List<Path> classDirs = sorted(root, () -> Files.list(root)
                .filter(d -> Files.isDirectory(d) && !d.getFileName().toString().startsWith(".")));
        if (classDirs.isEmpty()) {
            throw new UserError(root, "no class subfolders (expected one folder per class, images inside)");
        }
        List<String> classes = mf.manifest().classes();
        if (!classes.isEmpty() && classes.size() != classDirs.size()) {
            throw new UserError(mf.file(), "$.classes: lists " + classes.size() + " names but " + root + " has "
                    + classDirs.size() + " class folders");
        }
        List<ImageEntry> entries = new ArrayList<>();
        for (int label = 0; label < classDirs.size(); label++) {
            Path classDir = classDirs.get(label);
            List<Path> images = sorted(classDir,
                    () -> Files.walk(classDir, FileVisitOption.FOLLOW_LINKS).filter(ImageFolderListing::isImageFile));
            if (images.isEmpty()) {
                throw new UserError(classDir, "class folder has no images (" + EXTENSION_LIST + ")");
            }
            for (Path image : images) {
                entries.add(new ImageEntry(slashes(root.relativize(image)), image, label));
            }
        }
        List<String> names = classes.isEmpty()
                ? classDirs.stream().map(d -> d.getFileName().toString()).toList()
                : classes;
        return new ImageFileStimulusSet(mf.manifest(), entries, names);
    }

    static boolean isImageFile(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && Files.isRegularFile(p)
                && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** Files.list / Files.walk, for the lambda: they throw while the stream is being consumed, too. */
    private interface PathLister {
        Stream<Path> open() throws IOException;
    }

    /** Sorted by the '/'-separated string, so the order is the same on every OS and file system. */
    private static List<Path> sorted(Path dir, PathLister lister) {
        try (Stream<Path> paths = lister.open()) {
            return paths.sorted((a, b) -> slashes(a).compareTo(slashes(b))).toList();
        } catch (IOException | UncheckedIOException e) {
            throw new UserError(dir, "cannot list folder: " + e.getMessage(), e);
        }
    }

    static String slashes(Path p) {
        return p.toString().replace(p.getFileSystem().getSeparator(), "/");
    }
}
