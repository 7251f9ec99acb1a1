package org.ipb.manifest;

/**
 * An image the preprocessing cannot take as it is (wrong mode, smaller than the crop). The message
 * says what is wrong but not where the image came from: a stimulus set adds its file, and callers
 * with images of their own can do likewise.
 */
public final class ImageRejected extends IllegalArgumentException {
    ImageRejected(String message) {
        super(message);
    }
}
