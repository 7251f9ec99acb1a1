package org.ipb.core.npy;

/** In-place byte-order and memory-order conversions of raw element bytes. */
final class Layout {
    private Layout() {}

    /** Reverses the bytes of every {@code itemSize}-byte element, e.g. big- to little-endian. */
    static void swapBytes(byte[] b, int itemSize) {
        for (int e = 0; e + itemSize <= b.length; e += itemSize) {
            for (int i = e, j = e + itemSize - 1; i < j; i++, j--) {
                byte t = b[i];
                b[i] = b[j];
                b[j] = t;
            }
        }
    }

    /**
     * Reorders elements stored in Fortran order (first axis fastest) into C order (last axis
     * fastest) for the same logical shape.
     */
    static byte[] fortranToC(byte[] src, long[] shape, int itemSize) {
        int n = shape.length;
        if (n < 2 || src.length == 0) {
            return src; // 0-d, 1-d and empty arrays are laid out identically in both orders
        }
        long[] fStride = new long[n]; // elements between neighbours along axis k, Fortran order
        fStride[0] = 1;
        for (int k = 1; k < n; k++) {
            fStride[k] = fStride[k - 1] * shape[k - 1];
        }
        byte[] dst = new byte[src.length];
        long[] index = new long[n];
        long from = 0;
        for (int to = 0; to < dst.length; to += itemSize) {
            System.arraycopy(src, (int) (from * itemSize), dst, to, itemSize);
            // Advance the C-order multi-index like an odometer, keeping the Fortran offset in step.
            for (int k = n - 1; k >= 0; k--) {
                from += fStride[k];
                if (++index[k] < shape[k]) {
                    break;
                }
                from -= fStride[k] * shape[k];
                index[k] = 0;
            }
        }
        return dst;
    }
}
