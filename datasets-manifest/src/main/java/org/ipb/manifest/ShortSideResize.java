package org.ipb.manifest;

/**
 * torchvision's {@code Resize(int)} size rule (0.14, {@code _compute_resized_output_size}): the
 * short side becomes {@code size}, the long side {@code int(size * long / short)}, truncated; a
 * square image becomes {@code size x size}.
 */
record ShortSideResize(int height, int width) {
    static ShortSideResize of(int imageHeight, int imageWidth, int size) {
        // Python divides the exact integer product by short in double, correctly rounded, as Java does.
        if (imageWidth <= imageHeight) {
            return new ShortSideResize((int) ((double) size * imageHeight / imageWidth), size);
        }
        return new ShortSideResize(size, (int) ((double) size * imageWidth / imageHeight));
    }
}
