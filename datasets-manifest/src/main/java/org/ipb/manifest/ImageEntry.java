package org.ipb.manifest;

import java.nio.file.Path;

/**
 * One image of a folder or CSV stimulus set.
 *
 * @param relativePath path as it appears in ids ('/' separators)
 * @param label class index, or -1
 */
record ImageEntry(String relativePath, Path file, int label) {}
