package org.ipb.harness.directions;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealMatrix;
import org.ipb.harness.model.DeviceChoice;
import org.ipb.harness.model.ModelLoader;

/**
 * The linear algebra behind direction finding: large products on DJL NDArrays (BLAS on CPU, the
 * GPU when there is one), small dense decompositions (K x K, or C x C up to {@link
 * #EXACT_EIGEN_LIMIT}) in double precision with Commons Math.
 *
 * <p>Defaults to the PyTorch engine for its fast SGEMM, whatever engine ran the model: the
 * activation matrix is plain numbers by now.
 */
public final class Numerics implements AutoCloseable {
    /** Up to this size a symmetric C x C eigenproblem is solved exactly with Commons Math. */
    public static final int EXACT_EIGEN_LIMIT = 768;

    private final NDManager manager;

    private Numerics(NDManager manager) {
        this.manager = manager;
    }

    /** Numerics on {@code engine} ("PyTorch", "MXNet") and its best device. */
    public static Numerics open(String engine) {
        Engine e = ModelLoader.engine(engine);
        Device d = DeviceChoice.choose(e, "auto");
        return new Numerics(e.newBaseManager(d));
    }

    public NDManager manager() {
        return manager;
    }

    public String engineName() {
        return manager.getEngine().getEngineName();
    }

    public String device() {
        return manager.getDevice().toString();
    }

    /** A rows x cols NDArray (float32) of row-major data, owned by {@code owner}. */
    public static NDArray matrix(NDManager owner, float[] data, int rows, int cols) {
        return owner.create(data, new Shape(rows, cols));
    }

    /** The activation matrix as an NDArray owned by {@code owner}. */
    public static NDArray matrix(NDManager owner, ActivationMatrix x) {
        return matrix(owner, x.data(), x.rows(), x.cols());
    }

    /**
     * Copies the values of a float32 NDArray into {@code dst} from {@code offset}, through the
     * engine's own buffer ({@link #view}): unlike {@link NDArray#toFloatArray}, no new Java array,
     * whose first touch of fresh pages cost as much as a matrix product in the iterative finders.
     */
    public static void copyInto(NDArray a, float[] dst, int offset) {
        view(a).get(0, dst, offset, Math.toIntExact(a.size()));
    }

    /**
     * The values of a float32 NDArray, read-only use: on CPU, PyTorch hands out its tensor's memory
     * itself (no copy); valid while {@code a} is open.
     */
    public static java.nio.FloatBuffer view(NDArray a) {
        return a.toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /**
     * Host-to-engine copies of float32 matrices through one reusable direct buffer, for data that
     * changes every iteration. The NDArray made from it may share the buffer's memory (PyTorch on
     * CPU does), so {@link #reserve} and {@link #put} first close the array made before: use an
     * array only until the next reserve or put.
     */
    public static final class Staging implements AutoCloseable {
        private ByteBuffer buffer = ByteBuffer.allocateDirect(0);
        private NDArray current;

        /**
         * The buffer, {@code n} floats, to be filled (absolute puts; disjoint ranges may be filled
         * from several threads) and then turned into an array by {@link #publish}.
         */
        public java.nio.FloatBuffer reserve(int n) {
            close();
            if (buffer.capacity() < 4 * n) {
                buffer = ByteBuffer.allocateDirect(4 * n).order(ByteOrder.nativeOrder());
            }
            buffer.clear().limit(4 * n);
            return buffer.asFloatBuffer();
        }

        /** The reserved buffer's values as a rows x cols float32 NDArray owned by {@code owner}. */
        public NDArray publish(NDManager owner, int rows, int cols) {
            current = owner.create(buffer, new Shape(rows, cols), DataType.FLOAT32);
            return current;
        }

        /** {@code src[offset .. offset + rows * cols)} as a rows x cols float32 NDArray owned by {@code owner}. */
        public NDArray put(NDManager owner, float[] src, int offset, int rows, int cols) {
            reserve(rows * cols).put(0, src, offset, rows * cols);
            return publish(owner, rows, cols);
        }

        @Override
        public void close() {
            if (current != null) {
                current.close();
                current = null;
            }
        }
    }

    /**
     * X - mean(X) (column means) as an NDArray owned by {@code owner}, centred in Java on the way
     * into the engine's buffer: one copy of X in native memory instead of two (X, then X - μ), whose
     * fresh pages cost more than the arithmetic. The means (float32, accumulated in double over
     * float sums of 256 rows) go to {@code mean}.
     */
    public static NDArray centred(NDManager owner, ActivationMatrix x, float[] mean) {
        int n = x.rows();
        int c = x.cols();
        float[] d = x.data();
        double[] sum = new double[c];
        float[] run = new float[c];
        float[] row = new float[c];
        for (int i = 0; i < n; i++) {
            System.arraycopy(d, i * c, row, 0, c); // same-index loops below vectorise
            for (int j = 0; j < c; j++) {
                run[j] += row[j];
            }
            if (i % 256 == 255 || i == n - 1) {
                for (int j = 0; j < c; j++) {
                    sum[j] += run[j];
                    run[j] = 0;
                }
            }
        }
        for (int j = 0; j < c; j++) {
            mean[j] = (float) (sum[j] / n);
        }
        ByteBuffer buffer = ByteBuffer.allocateDirect(4 * n * c).order(ByteOrder.nativeOrder());
        java.nio.FloatBuffer out = buffer.asFloatBuffer();
        for (int i = 0; i < n; i++) {
            System.arraycopy(d, i * c, row, 0, c);
            for (int j = 0; j < c; j++) {
                row[j] -= mean[j];
            }
            out.put(i * c, row, 0, c);
        }
        return owner.create(buffer, new Shape(n, c), DataType.FLOAT32);
    }

    /** Commons Math copy (double) of a 2-D NDArray; meant for K x K or C x C sizes. */
    public static RealMatrix toReal(NDArray a) {
        long[] s = a.getShape().getShape();
        int rows = (int) s[0];
        int cols = (int) s[1];
        float[] f = a.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        double[][] d = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                d[i][j] = f[i * cols + j];
            }
        }
        return new Array2DRowRealMatrix(d, false);
    }

    /** NDArray (float32) copy of a Commons Math matrix. */
    public static NDArray fromReal(NDManager owner, RealMatrix m) {
        int rows = m.getRowDimension();
        int cols = m.getColumnDimension();
        float[] f = new float[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                f[i * cols + j] = (float) m.getEntry(i, j);
            }
        }
        return matrix(owner, f, rows, cols);
    }

    /**
     * Eigenvalues (descending) and eigenvectors (as columns, same order) of a symmetric matrix,
     * in double precision. The matrix is symmetrised first to remove float rounding asymmetry.
     */
    public static Eigen symmetricEigen(RealMatrix a) {
        RealMatrix sym = a.add(a.transpose()).scalarMultiply(0.5);
        EigenDecomposition e = new EigenDecomposition(sym);
        double[] values = e.getRealEigenvalues();
        Integer[] order = IntStream.range(0, values.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> -values[i]));
        int n = values.length;
        double[] sorted = new double[n];
        double[][] vecs = new double[n][n];
        RealMatrix v = e.getV();
        for (int j = 0; j < n; j++) {
            sorted[j] = values[order[j]];
            for (int i = 0; i < n; i++) {
                vecs[i][j] = v.getEntry(i, order[j]);
            }
        }
        return new Eigen(sorted, new Array2DRowRealMatrix(vecs, false));
    }

    /**
     * The top {@code k} eigenpairs of a symmetric positive semi-definite C x C matrix {@code a}:
     * exactly for C up to {@link #EXACT_EIGEN_LIMIT}, else by block subspace iteration with
     * Rayleigh–Ritz (Golub & Van Loan, Matrix Computations, 4th ed., §8.3.7), whose products run
     * on the NDArray engine.
     */
    public Eigen topEigen(NDArray a, int k, long seed) {
        int c = (int) a.getShape().get(0);
        if (c <= EXACT_EIGEN_LIMIT) {
            Eigen full = symmetricEigen(toReal(a));
            return full.top(k);
        }
        int block = Math.min(c, k + Math.max(10, k / 4));
        try (NDManager scratch = manager.newSubManager()) {
            java.util.Random rnd = new java.util.Random(seed);
            float[] init = new float[c * block];
            for (int i = 0; i < init.length; i++) {
                init[i] = (float) rnd.nextGaussian();
            }
            NDArray am = a.duplicate();
            am.attach(scratch);
            NDArray q = orthonormalColumns(matrix(scratch, init, c, block));
            double[] previous = null;
            for (int it = 0; it < 500; it++) {
                NDArray z = am.matMul(q);
                q = orthonormalColumns(z);
                if (it % 5 == 4) {
                    Eigen ritz = symmetricEigen(toReal(q.transpose().matMul(am.matMul(q))));
                    double[] vals = Arrays.copyOf(ritz.values(), k);
                    if (previous != null && maxRelativeChange(previous, vals) < 1e-7) {
                        break;
                    }
                    previous = vals;
                }
            }
            Eigen ritz = symmetricEigen(toReal(q.transpose().matMul(am.matMul(q)))).top(k);
            RealMatrix vectors = toReal(q).multiply(ritz.vectors());
            return new Eigen(ritz.values(), vectors);
        }
    }

    /**
     * {@link #topEigen}, but up to {@link #EXACT_EIGEN_LIMIT} with {@link SymmetricEigen} instead of
     * Commons Math (several times faster, and quicker to warm up in a fresh JVM); for the iterative
     * finders (ICA, NMF) whose own loops use it too. Same eigenpairs to double rounding, though
     * an eigenvector's sign may differ.
     */
    public Eigen topEigenCompact(NDArray a, int k, long seed) {
        int c = (int) a.getShape().get(0);
        if (c > EXACT_EIGEN_LIMIT) {
            return topEigen(a, k, seed);
        }
        float[] f = new float[c * c];
        copyInto(a, f, 0);
        double[][] sym = new double[c][c];
        for (int i = 0; i < c; i++) {
            for (int j = 0; j < c; j++) {
                sym[i][j] = 0.5 * ((double) f[i * c + j] + f[j * c + i]);
            }
        }
        SymmetricEigen.Result e = SymmetricEigen.of(sym);
        double[][] vectors = new double[c][k];
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < c; i++) {
                vectors[i][j] = e.vectors()[j][i];
            }
        }
        return new Eigen(Arrays.copyOf(e.values(), k), new Array2DRowRealMatrix(vectors, false));
    }

    /**
     * Orthonormal basis of the columns of a tall matrix by CholeskyQR2 (Fukaya et al. 2014): two
     * rounds of Q = Z R^-1 with R from the Cholesky factor of ZᵀZ, all but the small factorisation
     * as matrix products. Falls back to a double-precision eigen-based orthonormalisation when ZᵀZ
     * is numerically singular.
     */
    public static NDArray orthonormalColumns(NDArray z) {
        NDArray q = z;
        for (int round = 0; round < 2; round++) {
            RealMatrix gRaw = toReal(q.transpose().matMul(q));
            RealMatrix g = gRaw.add(gRaw.transpose()).scalarMultiply(0.5);
            try {
                RealMatrix r = new CholeskyDecomposition(g, 1e-9, 1e-14).getLT();
                RealMatrix rInv = new org.apache.commons.math3.linear.LUDecomposition(r).getSolver().getInverse();
                q = q.matMul(fromReal(z.getManager(), rInv));
            } catch (NonPositiveDefiniteMatrixException | org.apache.commons.math3.linear.SingularMatrixException e) {
                // Rank-deficient block: project on the eigenvectors of the Gram matrix with
                // non-negligible eigenvalues and fill the rest with nothing (zero columns).
                Eigen ge = symmetricEigen(g);
                RealMatrix scale = new Array2DRowRealMatrix(g.getRowDimension(), g.getColumnDimension());
                double max = Math.max(ge.values()[0], 1e-300);
                for (int j = 0; j < ge.values().length; j++) {
                    double v = ge.values()[j];
                    if (v > max * 1e-10) {
                        for (int i = 0; i < g.getRowDimension(); i++) {
                            scale.setEntry(i, j, ge.vectors().getEntry(i, j) / Math.sqrt(v));
                        }
                    }
                }
                q = q.matMul(fromReal(z.getManager(), scale));
            }
        }
        return q;
    }

    private static double maxRelativeChange(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), 1e-300));
        }
        return m;
    }

    @Override
    public void close() {
        manager.close();
    }

    /** Eigenvalues (descending) with eigenvectors as the columns of {@code vectors}. */
    public record Eigen(double[] values, RealMatrix vectors) {
        public Eigen top(int k) {
            return new Eigen(Arrays.copyOf(values, k), vectors.getSubMatrix(0, vectors.getRowDimension() - 1, 0, k - 1));
        }
    }
}
