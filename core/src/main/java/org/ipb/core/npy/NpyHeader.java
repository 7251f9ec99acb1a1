package org.ipb.core.npy;

import java.util.Arrays;
import java.util.Objects;

/**
 * The header of a .npy file, as stored.
 *
 * @param dtype the descr exactly as in the file, byte order included (e.g. {@code ">f4"}); {@link
 *     Npy#read} returns the data converted to the little-endian form ({@code "<f4"})
 * @param fortranOrder whether the data on disk is in Fortran (column-major) order
 * @param shape dimensions, outermost first; empty for a 0-d array
 * @param dataOffset file offset of the first data byte (a multiple of 64 in files numpy writes)
 */
public record NpyHeader(String dtype, boolean fortranOrder, long[] shape, long dataOffset) {
    public NpyHeader {
        Objects.requireNonNull(dtype, "dtype");
        shape = shape.clone();
    }

    /** A copy: the header stays immutable. */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Number of elements (product of the shape; 1 for a 0-d array). */
    public long size() {
        return Shapes.size(shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyHeader h
                && dtype.equals(h.dtype)
                && fortranOrder == h.fortranOrder
                && Arrays.equals(shape, h.shape)
                && dataOffset == h.dataOffset;
    }

    @Override
    public int hashCode() {
        return Objects.hash(dtype, fortranOrder, Arrays.hashCode(shape), dataOffset);
    }

    @Override
    public String toString() {
        return "NpyHeader[dtype=" + dtype + ", fortranOrder=" + fortranOrder + ", shape=" + Shapes.repr(shape)
                + ", dataOffset=" + dataOffset + "]";
    }
}
