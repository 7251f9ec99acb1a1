package org.ipb.manifest;

/**
 * Where torchvision's {@code CenterCrop} (0.14, {@code functional.center_crop}) cuts: {@code top =
 * int(round((H - h) / 2.0))}, {@code left = int(round((W - w) / 2.0))}. Python's {@code round} goes
 * half to even, so an odd margin of 3 gives 2 on top (1.5 rounds to 2) but 1 gives 0 (0.5 rounds
 * to 0).
 */
record CentreCrop(int top, int left) {
    static CentreCrop of(int imageHeight, int imageWidth, int height, int width) {
        return new CentreCrop(offset(imageHeight, height), offset(imageWidth, width));
    }

    static int offset(int size, int cropSize) {
        return (int) Math.rint((size - cropSize) / 2.0); // rint: half to even, as Python's round
    }
}
