package org.ipb.harness.directions;

import java.nio.file.Path;
import org.ipb.core.UserError;
import org.ipb.core.npy.Npy;
import org.ipb.core.npy.NpyArray;

/**
 * An N x C activation matrix (rows = stimuli, columns = units), float32, row-major.
 *
 * @param source the file it came from, for error messages (may be null for in-memory data)
 */
public record ActivationMatrix(float[] data, int rows, int cols, Path source) {

    public ActivationMatrix {
        if ((long) rows * cols != data.length) {
            throw new IllegalArgumentException(rows + " x " + cols + " matrix with " + data.length + " values");
        }
    }

    /**
     * Reads a 2-D float32 or float64 {@code .npy}; every value must be finite. Errors name the
     * file and, for non-finite values, the first offending row and column.
     */
    public static ActivationMatrix load(Path file) {
        NpyArray a = Npy.read(file);
        long[] shape = a.shape();
        if (shape.length != 2) {
            throw new UserError(file, "activations must be a 2-D N x C matrix, got shape "
                    + java.util.Arrays.toString(shape));
        }
        if (shape[0] < 1 || shape[1] < 1) {
            throw new UserError(file, "activation matrix is empty (shape " + shape[0] + " x " + shape[1] + ")");
        }
        if (!a.dtype().equals("<f4") && !a.dtype().equals("<f8")) {
            throw new UserError(file, "activations must be float32 or float64, got dtype " + a.dtype());
        }
        ActivationMatrix m = new ActivationMatrix(a.toFloatArray(), (int) shape[0], (int) shape[1], file);
        m.requireFinite();
        return m;
    }

    /** Wraps in-memory data (tests, pipelines), checked like a file. */
    public static ActivationMatrix of(float[] data, int rows, int cols) {
        ActivationMatrix m = new ActivationMatrix(data, rows, cols, null);
        m.requireFinite();
        return m;
    }

    public float get(int row, int col) {
        return data[row * cols + col];
    }

    /** Name for messages: the file, or "activations". */
    public String label() {
        return source != null ? source.toString() : "activations";
    }

    private void requireFinite() {
        for (int i = 0; i < data.length; i++) {
            if (!Float.isFinite(data[i])) {
                throw new UserError(label() + ": non-finite value " + data[i] + " at row " + (i / cols) + ", column "
                        + (i % cols));
            }
        }
    }
}
