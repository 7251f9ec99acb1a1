package org.ipb.core.npy;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Shape arithmetic and formatting shared by the readers and writers. */
final class Shapes {
    private Shapes() {}

    /** Number of elements; 1 for the 0-d shape {@code ()}. */
    static long size(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + repr(shape));
            }
            try {
                n = Math.multiplyExact(n, d);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("shape " + repr(shape) + " has more than 2^63 elements");
            }
        }
        return n;
    }

    /** Bytes of data for {@code shape} elements of {@code itemSize} bytes each. */
    static long bytes(long[] shape, int itemSize) {
        long n = size(shape);
        if (n > Long.MAX_VALUE / itemSize) {
            throw new IllegalArgumentException("shape " + repr(shape) + " is too large");
        }
        return n * itemSize;
    }

    /** Python's repr of the shape tuple, as numpy writes it: "()", "(5,)", "(3, 4)". */
    static String repr(long[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        return Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", ", "(", ")"));
    }
}
