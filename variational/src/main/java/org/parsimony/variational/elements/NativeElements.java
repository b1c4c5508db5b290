package org.parsimony.variational.elements;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The elements of a {@code float} or {@code double} ND4J array as a Java {@code double[]} ({@link Arena#read}) or in the
 * array's own precision ({@link Arena#readAsStored}: a {@code float[]} for a {@code float} array), element {@code i}
 * being the {@code i}-th in row-major order, for element-wise loops written in Java: the arena copies the native buffer
 * in, {@link #store} copies the values back (in place for a {@linkplain #isPlain plain} array, through a row-major copy
 * for a view).
 *
 * <p>Why: an ND4J op costs some 10-40 microseconds of call and allocation overhead in 1.0.0-M2.1 whatever its size, and
 * Adam's update is memory-bound; one Java pass over the four arrays (bulk copies in and out, about 1 ns per element)
 * beats the native updater plus the subtraction at every width measured (see
 * {@link org.parsimony.variational.optim.AdamOptimizer}). Reading the native
 * buffer element by element instead costs 2-3 ns per element. Used by {@link
 * org.parsimony.variational.optim.AdamOptimizer} and by the element-wise half of
 * {@link org.parsimony.variational.graph.DenseElboBackprop}.
 */
public final class NativeElements {
    private final INDArray array;
    /** The elements in double precision, or {@code null} for elements {@linkplain Arena#readAsStored read as stored}. */
    private final double[] values;
    /** The elements of a {@code float} array {@linkplain Arena#readAsStored read as stored}, else {@code null}. */
    private final float[] floats;
    private final int length;
    private final Arena arena;
    /** Whether the array is read and written in place ({@link #isPlain}); else through a row-major copy. */
    private final boolean plain;
    /** Whether the array's buffer is column-major (a plain matrix with more than one row and column in 'f' order). */
    private final boolean columnMajor;
    private final int rows;

    private NativeElements(INDArray array, double[] values, int length, Arena arena) {
        this(array, values, null, length, arena);
    }

    /** Elements that belong to no array ({@link Arena#scratch}). */
    private NativeElements(double[] values, float[] floats, int length) {
        this.array = null;
        this.values = values;
        this.floats = floats;
        this.length = length;
        this.arena = null;
        this.plain = false;
        this.rows = 1;
        this.columnMajor = false;
    }

    private NativeElements(INDArray array, double[] values, float[] floats, int length, Arena arena) {
        DataType type = array.dataType();
        if (!(type == DataType.FLOAT || type == DataType.DOUBLE) || array.length() >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("need a float or double array shorter than 2^31, got "
                    + array.shapeInfoToString());
        }
        this.array = array;
        this.values = values;
        this.floats = floats;
        this.length = length;
        this.arena = arena;
        this.plain = isPlain(array);
        this.rows = array.rank() == 2 ? (int) Math.max(1, array.rows()) : 1;
        this.columnMajor = plain && array.rank() == 2 && array.ordering() == 'f' && array.rows() > 1
                && array.columns() > 1;
    }

    /**
     * Reusable Java arrays for the elements of one thread's loops: a training step asks for the same sizes in the same
     * order every time, so after the first step nothing is allocated (large fresh arrays would cost more than the
     * loops: the JVM allocates arrays over ~1 MB outside the young generation). Not thread-safe.
     */
    public static final class Arena {
        private final Recycled<double[]> doubleBuffers = new Recycled<>(double[]::new, a -> a.length);
        private final Recycled<float[]> floatBuffers = new Recycled<>(float[]::new, a -> a.length);
        private float[] floats = new float[0];
        private double[] spare = new double[0];

        /** Makes every buffer available again: the elements handed out before must no longer be used. */
        public void reset() {
            doubleBuffers.reset();
            floatBuffers.reset();
        }

        /**
         * The elements of {@code array} in its own precision, copied in without conversion: {@link #floats()} of a
         * {@code float} array, {@link #values()} of a {@code double} one. For loops over large arrays, where
         * converting every element to {@code double} and back costs more than the loop (a {@code 784 x 300} matrix: 0.02
         * ms to copy, 0.09 ms to copy and convert). A view or a column-major matrix of floats is read through a
         * row-major copy, and {@link #store} writes back into it. @throws IllegalArgumentException unless
         * {@code float} or {@code double}
         */
        public NativeElements readAsStored(INDArray array) {
            if (array.dataType() != DataType.FLOAT) {
                return read(array);
            }
            NativeElements elements = blankAsStored(array);
            INDArray source = elements.direct() ? array : array.dup('c');
            source.data().asNioFloat().get(elements.floats, 0, elements.length);
            if (source != array) {
                source.close();
            }
            return elements;
        }

        /**
         * Unspecified values of {@code array}'s length in its own precision (as {@link #readAsStored}), for an array
         * that the caller overwrites completely before {@link #store}.
         */
        public NativeElements blankAsStored(INDArray array) {
            if (array.dataType() != DataType.FLOAT) {
                return blank(array);
            }
            int n = Math.toIntExact(Math.min(array.length(), Integer.MAX_VALUE));
            return new NativeElements(array, null, floatBuffer(n), n, this);
        }

        /**
         * {@code n} unspecified elements held as {@code float} for a {@code float} type and as {@code double} for a
         * {@code double} one (as {@link #readAsStored} holds an array of that type), for intermediates of a computation in
         * the arrays' own precision that never live in a native array: they cannot be {@link #store}d.
         * @throws IllegalArgumentException unless {@code float} or {@code double}
         */
        public NativeElements scratch(DataType type, int n) {
            if (type == DataType.FLOAT) {
                return new NativeElements(null, floatBuffer(n), n);
            }
            if (type == DataType.DOUBLE) {
                return new NativeElements(doubles(n), null, n);
            }
            throw new IllegalArgumentException("need float or double, got " + type);
        }

        /** A Java array of at least {@code n} floats (unspecified values), the caller's until {@link #reset}. */
        public float[] floatBuffer(int n) {
            return floatBuffers.take(n);
        }

        /**
         * The elements of {@code array}, copied in. An array that is not {@link #isPlain} (a view, another layout) is
         * read through a row-major copy, and {@link #store} writes back into it, so every array takes the same
         * arithmetic. @throws IllegalArgumentException unless {@code float} or {@code double}
         */
        public NativeElements read(INDArray array) {
            NativeElements elements = blank(array);
            int n = elements.length;
            INDArray source = elements.plain ? array : array.dup('c');
            double[] buffer = elements.columnMajor ? spare(n) : elements.values;
            if (array.dataType() == DataType.FLOAT) {
                float[] f = floats(n);
                source.data().asNioFloat().get(f, 0, n);
                for (int i = 0; i < n; i++) {
                    buffer[i] = f[i];
                }
            } else {
                source.data().asNioDouble().get(buffer, 0, n);
            }
            if (source != array) {
                source.close();
            }
            if (elements.columnMajor) {
                transpose(buffer, elements.values, n / elements.rows, elements.rows);
            }
            return elements;
        }

        /**
         * Writes the first {@code array.length()} of {@code values} (row-major) into {@code array}, rounded to its type,
         * without copying them into an arena buffer first; returns the array.
         */
        public INDArray write(INDArray array, double[] values) {
            return new NativeElements(array, values, Math.toIntExact(array.length()), this).store();
        }

        /**
         * Unspecified values of {@code array}'s length, for an array that the caller overwrites completely before
         * {@link #store}. @throws IllegalArgumentException unless {@code float} or {@code double}
         */
        public NativeElements blank(INDArray array) {
            int n = Math.toIntExact(Math.min(array.length(), Integer.MAX_VALUE));
            return new NativeElements(array, doubles(n), n, this);
        }

        /**
         * A Java array of at least {@code n} doubles (unspecified values) for intermediate results that never live in
         * a native array; like the other buffers, it stays the caller's until {@link #reset}.
         */
        public double[] doubles(int n) {
            return doubleBuffers.take(n);
        }

        /** A buffer of at least {@code n} doubles for one transposition at a time. */
        private double[] spare(int n) {
            if (spare.length < n) {
                spare = new double[n];
            }
            return spare;
        }

        private float[] floats(int n) {
            if (floats.length < n) {
                floats = new float[n];
            }
            return floats;
        }
    }

    /**
     * Java arrays handed out in order, and in the same order again after {@link #reset}: a caller that asks for the
     * same sizes in the same order every step allocates nothing after its first step.
     */
    private static final class Recycled<T> {
        private final java.util.ArrayList<T> arrays = new java.util.ArrayList<>();
        private final java.util.function.IntFunction<T> create;
        private final java.util.function.ToIntFunction<T> length;
        private int next;

        Recycled(java.util.function.IntFunction<T> create, java.util.function.ToIntFunction<T> length) {
            this.create = create;
            this.length = length;
        }

        /** The next array, of at least {@code n} elements (unspecified values). */
        T take(int n) {
            if (next == arrays.size()) {
                arrays.add(create.apply(n));
            } else if (length.applyAsInt(arrays.get(next)) < n) {
                arrays.set(next, create.apply(n));
            }
            return arrays.get(next++);
        }

        void reset() {
            next = 0;
        }
    }

    /**
     * Whether an {@link Arena} reads and writes {@code array}'s buffer in place, without a copy: {@code float} or
     * {@code double}, not a view, its own whole buffer, shorter than {@code 2^31}, and either row-major or a
     * column-major matrix (whose elements are read and stored in row-major order all the same).
     */
    public static boolean isPlain(INDArray array) {
        DataType type = array.dataType();
        if (!(type == DataType.FLOAT || type == DataType.DOUBLE) || array.isView() || array.offset() != 0
                || array.length() >= Integer.MAX_VALUE || array.data().length() != array.length()) {
            return false;
        }
        long[] stride = array.stride();
        long[] shape = array.shape();
        if (array.rank() == 2 && array.ordering() == 'f') {
            return shape[0] <= 1 || shape[1] <= 1 || (stride[0] == 1 && stride[1] == shape[0]);
        }
        if (array.ordering() != 'c') {
            return false;
        }
        long expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] > 1 && stride[d] != expected) {
                return false;
            }
            expected *= shape[d];
        }
        return true;
    }

    /** Number of elements. */
    public int length() {
        return length;
    }

    /** Whether the elements are held as {@link #floats()} ({@link Arena#readAsStored} of a {@code float} array). */
    public boolean isFloat() {
        return floats != null;
    }

    /**
     * The Java {@code float} array behind elements {@linkplain Arena#readAsStored read as stored} from a {@code float}
     * array: element {@code i} is at {@code i}; it may be longer than {@link #length()}.
     * @throws IllegalStateException for elements held in double precision
     */
    public float[] floats() {
        if (floats == null) {
            throw new IllegalStateException("the elements are held as doubles");
        }
        return floats;
    }

    /** Whether float elements are read and stored straight from and into the array's buffer. */
    private boolean direct() {
        return plain && !columnMajor;
    }

    /**
     * The Java array behind these elements, for loops that index it directly: element {@code i} is at {@code i}; it
     * may be longer than {@link #length()}.
     */
    public double[] values() {
        if (values == null) {
            throw new IllegalStateException("the elements are held as floats");
        }
        return values;
    }

    /**
     * Writes the values to the array (rounded to its type) and returns the array.
     * @throws IllegalStateException for {@linkplain Arena#scratch scratch} elements, which belong to no array
     */
    public INDArray store() {
        if (array == null) {
            throw new IllegalStateException("scratch elements belong to no array");
        }
        if (floats != null) {
            INDArray destination = direct() ? array : Nd4j.createUninitialized(DataType.FLOAT, array.shape());
            destination.data().asNioFloat().put(floats, 0, length);
            if (destination != array) {
                array.assign(destination);
                destination.close();
            }
            return array;
        }
        double[] buffer = values;
        if (columnMajor) {
            buffer = arena.spare(length);
            transpose(values, buffer, rows, length / rows);
        }
        INDArray destination = plain ? array : Nd4j.createUninitialized(array.dataType(), array.shape());
        if (array.dataType() == DataType.FLOAT) {
            float[] f = arena.floats(length);
            for (int i = 0; i < length; i++) {
                f[i] = (float) buffer[i];
            }
            destination.data().asNioFloat().put(f, 0, length);
        } else {
            destination.data().asNioDouble().put(buffer, 0, length);
        }
        if (destination != array) {
            array.assign(destination);
            destination.close();
        }
        return array;
    }

    /** {@code to[j rows + i] = from[i columns + j]}: a row-major {@code rows x columns} matrix to column-major. */
    private static void transpose(double[] from, double[] to, int rows, int columns) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                to[j * rows + i] = from[i * columns + j];
            }
        }
    }
}
