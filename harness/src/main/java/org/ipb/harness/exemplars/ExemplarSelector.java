package org.ipb.harness.exemplars;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ipb.core.UserError;
import org.ipb.core.npy.Npy;
import org.ipb.core.npy.NpyHeader;
import org.ipb.harness.directions.Numerics;

/**
 * Projects every stimulus of an N x C activation matrix on K directions and keeps, for each
 * direction, the {@code kept} most and {@code kept} least activating stimuli.
 *
 * <p><b>Streaming.</b> The matrix is read once from its {@code .npy} file, block by block
 * ({@value #DEFAULT_BLOCK_ROWS} rows by default, read with a {@link FileChannel} from the header's
 * {@link NpyHeader#dataOffset()}); each block's projections are one product {@code X_b · Dᵀ} (B x C
 * times C x K) on the {@link Numerics} engine in a per-block sub-manager, and every projection is
 * offered to two bounded heaps per direction (plain {@code float}/{@code int} arrays, the worst
 * kept entry at the root, so most offers are rejected by one comparison). Memory is therefore
 * {@code 2 · K · kept · 8} bytes for the heaps plus one block ({@code B · C} values read, {@code
 * B · K} projections), by construction independent of N apart from {@code kept = ceil(q · N)}:
 * the N x C matrix is never held.
 *
 * <p><b>Order.</b> The top side ranks by decreasing projection, the bottom side by increasing
 * projection; equal projections rank the lower row first on both sides, so the selection is a
 * deterministic function of the projections. The projections themselves are float32 products of
 * the engine (the same bits on every run with the same engine, block size and device).
 *
 * <p>Inputs: a 2-D little- or big-endian float32/float64 {@code .npy} in C order with finite
 * values (the first non-finite value is a {@link UserError} naming its row and column).
 */
public final class ExemplarSelector {
    /** Rows per block unless the constructor says otherwise. */
    public static final int DEFAULT_BLOCK_ROWS = 4096;
    /** Blocks are also capped to this many values (32 MiB of float32), for very wide layers. */
    static final int MAX_BLOCK_VALUES = 8 << 20;

    private final int blockRows;

    public ExemplarSelector() {
        this(DEFAULT_BLOCK_ROWS);
    }

    public ExemplarSelector(int blockRows) {
        if (blockRows < 1) {
            throw new IllegalArgumentException("blockRows must be positive, got " + blockRows);
        }
        this.blockRows = blockRows;
    }

    /**
     * Reads and checks the header of an activation matrix: 2-D, non-empty, float32 or float64, C
     * order. Returns {@code {N, C}}.
     */
    public static int[] activationShape(Path x) {
        NpyHeader h = Npy.readHeader(x);
        long[] s = h.shape();
        if (s.length != 2 || s[0] < 1 || s[1] < 1) {
            throw new UserError(x, "activations must be a non-empty 2-D N x C matrix, got shape " + Arrays.toString(s));
        }
        if (itemSize(h.dtype()) == 0) {
            throw new UserError(x, "activations must be float32 or float64, got dtype " + h.dtype());
        }
        if (h.fortranOrder()) {
            throw new UserError(x, "activations are stored in Fortran order; re-save them in C order"
                    + " (numpy: np.save(f, np.ascontiguousarray(a)))");
        }
        if (s[0] > Integer.MAX_VALUE - 8 || s[1] > MAX_BLOCK_VALUES) {
            throw new UserError(x, "activation matrix " + s[0] + " x " + s[1] + " is too large");
        }
        return new int[] {(int) s[0], (int) s[1]};
    }

    /** Stimuli per side in the top/bottom {@code quantile} of {@code n}: {@code ceil(quantile * n)}, at least 1. */
    public static int kept(double quantile, int n) {
        // The tolerance keeps 0.2 * 500 at 100 even where the product rounds a hair above it.
        long k = (long) Math.ceil(quantile * n - 1e-9);
        return (int) Math.max(1, Math.min(n, k));
    }

    /**
     * Checks, before any work, that directions and activations fit together and that the
     * quantile holds enough stimuli for a task of {@code refs} references and one query per side.
     *
     * @param shape {@code {N, C}} from {@link #activationShape}
     */
    public static void validate(Path x, int[] shape, DirectionMatrix d, double quantile, int refs) {
        if (d.c() != shape[1]) {
            throw new UserError(d.label() + ": directions are " + d.k() + " x " + d.c() + " but activations " + x
                    + " are " + shape[0] + " x " + shape[1] + "; both need the same number of columns (channels)");
        }
        if (!(quantile > 0 && quantile <= 0.5)) {
            throw new UserError("quantile " + quantile + " is outside (0, 0.5]: the top and bottom quantiles"
                    + " of the projections must not overlap");
        }
        if (refs < 1) {
            throw new UserError("references per side must be at least 1, got " + refs);
        }
        int kept = kept(quantile, shape[0]);
        long need = 2L * (refs + 1);
        if (kept < need) {
            throw new UserError(x, "quantile " + quantile + " of " + shape[0] + " stimuli keeps " + kept
                    + " per side, fewer than the 2 x (" + refs + " references + 1 query) = " + need
                    + " a task needs; raise the quantile or use more stimuli");
        }
        if ((long) d.k() * kept > Integer.MAX_VALUE - 8) {
            throw new UserError(d.label() + ": " + d.k() + " directions x " + kept + " kept stimuli per side"
                    + " is too many to hold; lower the quantile");
        }
    }

    /**
     * As {@link #validate} for the imi2023 protocol: directions fit the activations, and the
     * numbers describe a drawable protocol (the stimulus count is checked with the set's name by
     * the pipeline, {@link TaskSampler#checkImi2023}).
     */
    public static void validateImi2023(Path x, int[] shape, DirectionMatrix d, int extremes, int referenceRanks,
            int refs, int tasks) {
        if (d.c() != shape[1]) {
            throw new UserError(d.label() + ": directions are " + d.k() + " x " + d.c() + " but activations " + x
                    + " are " + shape[0] + " x " + shape[1] + "; both need the same number of columns (channels)");
        }
        String problem = TaskSampler.checkImi2023(Integer.MAX_VALUE, extremes, referenceRanks, refs, tasks);
        if (problem != null) {
            throw new UserError("protocol imi2023: " + problem);
        }
        if ((long) d.k() * extremes > Integer.MAX_VALUE - 8) {
            throw new UserError(d.label() + ": " + d.k() + " directions x " + extremes + " kept stimuli per side"
                    + " is too many to hold");
        }
    }

    /**
     * Streams {@code x} once and selects {@code kept} rows per side for every direction of {@code d}.
     * Ties go to the lower row on both sides. Where that makes a direction's two sides share rows
     * (a direction constant on more than N - 2 * kept stimuli, such as a dead ReLU unit), the file is
     * streamed again and that direction's min side takes ties by the higher row instead, so the two
     * sides are disjoint whenever N >= 2 * kept; no other direction's selection changes.
     */
    public Selection select(Path x, DirectionMatrix d, int kept, Numerics numerics) {
        Selection first = select(x, d, kept, numerics, false);
        List<Integer> overlapping = new ArrayList<>();
        for (int j = 0; j < first.k(); j++) {
            if (sidesOverlap(first, j)) {
                overlapping.add(j);
            }
        }
        if (overlapping.isEmpty() || 2L * kept > first.n()) {
            return first;
        }
        Selection again = select(x, d, kept, numerics, true);
        int[] bottomRows = first.bottomRows().clone();
        float[] bottomValues = first.bottomValues().clone();
        for (int j : overlapping) {
            System.arraycopy(again.bottomRows(), j * kept, bottomRows, j * kept, kept);
            System.arraycopy(again.bottomValues(), j * kept, bottomValues, j * kept, kept);
        }
        return new Selection(first.n(), first.c(), first.k(), kept, first.topRows(), first.topValues(), bottomRows,
                bottomValues);
    }

    private static boolean sidesOverlap(Selection s, int j) {
        java.util.Set<Integer> top = new java.util.HashSet<>();
        for (int r = 0; r < s.kept(); r++) {
            top.add(s.topRow(j, r));
        }
        for (int r = 0; r < s.kept(); r++) {
            if (top.contains(s.bottomRow(j, r))) {
                return true;
            }
        }
        return false;
    }

    /** One streaming pass; {@code highRowTies}: the min side takes ties by the higher row. */
    private Selection select(Path x, DirectionMatrix d, int kept, Numerics numerics, boolean highRowTies) {
        NpyHeader h = Npy.readHeader(x);
        int[] shape = activationShape(x);
        int n = shape[0];
        int c = shape[1];
        if (d.c() != c) {
            throw new UserError(d.label() + ": directions have " + d.c() + " columns but activations " + x + " have " + c);
        }
        if (kept < 1 || kept > n) {
            throw new IllegalArgumentException("kept " + kept + " outside [1, " + n + "]");
        }
        int k = d.k();
        int item = itemSize(h.dtype());
        ByteOrder order = h.dtype().charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        int rowsPerBlock = Math.max(1, Math.min(Math.min(blockRows, n), MAX_BLOCK_VALUES / c));
        Heaps top = new Heaps(k, kept);
        Heaps bottom = new Heaps(k, kept);
        ByteBuffer bytes = ByteBuffer.allocateDirect(rowsPerBlock * c * item).order(order);
        float[] block = new float[rowsPerBlock * c];
        try (FileChannel ch = FileChannel.open(x, StandardOpenOption.READ);
                NDManager run = numerics.manager().newSubManager()) {
            NDArray dt = Numerics.matrix(run, d.data(), k, c).transpose();
            for (int row0 = 0; row0 < n; row0 += rowsPerBlock) {
                int b = Math.min(rowsPerBlock, n - row0);
                float[] values = b == rowsPerBlock ? block : new float[b * c];
                readBlock(ch, h.dataOffset() + (long) row0 * c * item, bytes, b * c, item, values, x);
                requireFinite(values, b * c, c, row0, x);
                float[] p;
                try (NDManager bm = run.newSubManager()) {
                    p = bm.create(values, new Shape(b, c)).matMul(dt).toFloatArray();
                }
                for (int i = 0; i < b; i++) {
                    int row = row0 + i;
                    int base = i * k;
                    for (int j = 0; j < k; j++) {
                        float v = p[base + j];
                        if (!Float.isFinite(v)) {
                            throw new UserError(x, "projection of row " + row + " on direction " + j + " of "
                                    + d.label() + " overflows float32 (" + v + ")");
                        }
                        top.offer(j, v, row);
                        // ~row orders rows backwards, so equal values keep the higher row.
                        bottom.offer(j, -v, highRowTies ? ~row : row);
                    }
                }
            }
        } catch (IOException e) {
            throw new UserError(x, "cannot read: " + e.getMessage(), e);
        }
        float[] topValues = top.sortedValues();
        float[] bottomValues = bottom.sortedValues();
        for (int i = 0; i < bottomValues.length; i++) {
            bottomValues[i] = -bottomValues[i];
            if (highRowTies) {
                bottom.rows[i] = ~bottom.rows[i];
            }
        }
        return new Selection(n, c, k, kept, top.rows, topValues, bottom.rows, bottomValues);
    }

    private static void readBlock(FileChannel ch, long position, ByteBuffer bytes, int count, int item, float[] out,
            Path x) throws IOException {
        bytes.clear().limit(count * item);
        long pos = position;
        while (bytes.hasRemaining()) {
            int r = ch.read(bytes, pos);
            if (r < 0) {
                throw new UserError(x, "truncated data: file ended at byte " + pos);
            }
            pos += r;
        }
        bytes.flip();
        if (item == 4) {
            bytes.asFloatBuffer().get(out, 0, count);
        } else {
            var db = bytes.asDoubleBuffer();
            for (int i = 0; i < count; i++) {
                out[i] = (float) db.get(i);
            }
        }
    }

    private static void requireFinite(float[] v, int count, int c, int row0, Path x) {
        for (int i = 0; i < count; i++) {
            if (!Float.isFinite(v[i])) {
                throw new UserError(x, "non-finite value " + v[i] + " at row " + (row0 + i / c) + ", column " + (i % c));
            }
        }
    }

    /** Bytes per value for the float dtypes we stream ({@code <f4 >f4 =f4 <f8 >f8 =f8}), else 0. */
    static int itemSize(String dtype) {
        if (dtype.length() != 3 || "<>=".indexOf(dtype.charAt(0)) < 0) {
            return 0;
        }
        return switch (dtype.substring(1)) {
            case "f4" -> 4;
            case "f8" -> 8;
            default -> 0;
        };
    }

    /**
     * K bounded heaps of capacity {@code kept} that keep the largest values (ties: lower row),
     * each a binary heap with its worst entry at the root. The roots are mirrored in dense arrays
     * so that rejecting an offer touches only them.
     */
    static final class Heaps {
        final int k;
        final int kept;
        final float[] values;
        final int[] rows;
        final int[] size;
        final float[] rootValue;
        final int[] rootRow;

        Heaps(int k, int kept) {
            this.k = k;
            this.kept = kept;
            this.values = new float[k * kept];
            this.rows = new int[k * kept];
            this.size = new int[k];
            this.rootValue = new float[k];
            this.rootRow = new int[k];
            Arrays.fill(rootValue, Float.NEGATIVE_INFINITY); // accepts everything while filling
            Arrays.fill(rootRow, Integer.MAX_VALUE);
        }

        /** Offers (v, row) to heap {@code d}; v must be finite. */
        void offer(int d, float v, int row) {
            float rv = rootValue[d];
            if (v < rv || (v == rv && row > rootRow[d])) {
                return;
            }
            int base = d * kept;
            int s = size[d];
            if (s < kept) {
                values[base + s] = v;
                rows[base + s] = row;
                size[d] = ++s;
                if (s == kept) {
                    for (int i = kept / 2 - 1; i >= 0; i--) {
                        siftDown(base, i, kept);
                    }
                    rootValue[d] = values[base];
                    rootRow[d] = rows[base];
                }
                return;
            }
            values[base] = v;
            rows[base] = row;
            siftDown(base, 0, kept);
            rootValue[d] = values[base];
            rootRow[d] = rows[base];
        }

        /** True when (v1, r1) ranks below (v2, r2): smaller value, or equal value and larger row. */
        private static boolean worse(float v1, int r1, float v2, int r2) {
            return v1 < v2 || (v1 == v2 && r1 > r2);
        }

        private void siftDown(int base, int i, int n) {
            float v = values[base + i];
            int r = rows[base + i];
            while (true) {
                int child = 2 * i + 1;
                if (child >= n) {
                    break;
                }
                int right = child + 1;
                if (right < n && worse(values[base + right], rows[base + right], values[base + child],
                        rows[base + child])) {
                    child = right;
                }
                if (!worse(values[base + child], rows[base + child], v, r)) {
                    break;
                }
                values[base + i] = values[base + child];
                rows[base + i] = rows[base + child];
                i = child;
            }
            values[base + i] = v;
            rows[base + i] = r;
        }

        /** Sorts every heap best-first in place (heap sort) and returns the values array. */
        float[] sortedValues() {
            for (int d = 0; d < k; d++) {
                if (size[d] != kept) {
                    throw new IllegalStateException("heap " + d + " holds " + size[d] + " of " + kept);
                }
                int base = d * kept;
                for (int end = kept - 1; end > 0; end--) {
                    float tv = values[base];
                    int tr = rows[base];
                    values[base] = values[base + end];
                    rows[base] = rows[base + end];
                    values[base + end] = tv;
                    rows[base + end] = tr;
                    siftDown(base, 0, end);
                }
            }
            return values;
        }
    }
}
