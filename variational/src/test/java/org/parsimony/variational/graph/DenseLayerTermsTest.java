package org.parsimony.variational.graph;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.parsimony.variational.elements.NativeElements;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link DenseLayerTerms}: each kernel's {@code float} branch against its {@code double} branch over the same values
 * and against a reference computed here in double, to float precision, for arrays within one {@link RowChunks} chunk,
 * over more than {@link DenseLayerTerms#BLOCK} chunks ending in a partial one, and with rows wider than a chunk; the
 * double branch of {@code klSums} to 1e-12; and {@code klSums} zeroing its outputs before it sums.
 */
class DenseLayerTermsTest {
    /** Relative error allowed to a float result (a few roundings of 6e-8, and float partial sums of 16 terms). */
    private static final double FLOAT_TOLERANCE = 1e-6;

    /** {@code rows x units} floats, uniform in {@code [low, high)}, row-major. */
    static float[] uniform(Random random, int rows, int units, double low, double high) {
        float[] values = new float[rows * units];
        for (int k = 0; k < values.length; k++) {
            values[k] = (float) (low + (high - low) * random.nextDouble());
        }
        return values;
    }

    static double[] uniformDoubles(Random random, int n, double low, double high) {
        double[] values = new double[n];
        for (int k = 0; k < n; k++) {
            values[k] = low + (high - low) * random.nextDouble();
        }
        return values;
    }

    /** A plain row-major FLOAT {@code rows x units} matrix of {@code values}. */
    private static INDArray floatMatrix(float[] values, int rows, int units) {
        float[][] matrix = new float[rows][units];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(values, i * units, matrix[i], 0, units);
        }
        return Nd4j.createFromArray(matrix);
    }

    /** {@code values} read as stored into {@code arena}: held as floats, or as doubles with {@code asDouble}. */
    static NativeElements elements(NativeElements.Arena arena, float[] values, int rows, int units,
                                           boolean asDouble) {
        INDArray array = floatMatrix(values, rows, units);
        NativeElements elements = arena.readAsStored(asDouble ? array.castTo(DataType.DOUBLE) : array);
        assertEquals(!asDouble, elements.isFloat());
        return elements;
    }

    static NativeElements output(NativeElements.Arena arena, int rows, int units, boolean asDouble) {
        return arena.blankAsStored(Nd4j.createUninitialized(asDouble ? DataType.DOUBLE : DataType.FLOAT, rows, units));
    }

    /** {@code (float) Math.exp} of each value: variances as the layer holds them, in float. */
    private static float[] exp(float[] logVariances) {
        float[] variances = new float[logVariances.length];
        for (int k = 0; k < variances.length; k++) {
            variances[k] = (float) Math.exp(logVariances[k]);
        }
        return variances;
    }

    /** Asserts {@code |expected - actual| <= FLOAT_TOLERANCE scale}. */
    private static void assertFloatClose(double expected, double actual, double scale, String what) {
        assertEquals(expected, actual, FLOAT_TOLERANCE * scale, what);
    }

    @ParameterizedTest
    @CsvSource({"37, 5", "32, 3", "3500, 7", "5, 1500"})
    void squareInFloatAgreesWithDoubleAndTheReference(int rows, int units) {
        float[] x = uniform(new Random(1), rows, units, -3, 3);
        NativeElements.Arena arena = new NativeElements.Arena();
        NativeElements outFloat = output(arena, rows, units, false);
        NativeElements outDouble = output(arena, rows, units, true);
        DenseLayerTerms.square(elements(arena, x, rows, units, false), outFloat);
        DenseLayerTerms.square(elements(arena, x, rows, units, true), outDouble);
        for (int k = 0; k < x.length; k++) {
            double reference = (double) x[k] * x[k];
            assertEquals(reference, outDouble.values()[k], 0.0, "double branch, element " + k);
            assertFloatClose(reference, outFloat.floats()[k], reference, "float branch, element " + k);
            assertFloatClose(outDouble.values()[k], outFloat.floats()[k], reference, "branches, element " + k);
        }
    }

    /** The KL sums of {@link DenseLayerTerms#klSums} computed here in double over the float inputs. */
    private static double[][] klReference(float[] mu, float[] logVar, float[] var, int units) {
        double[] sumLogVariance = new double[units];
        double[] sumSecondMoment = new double[units];
        for (int k = 0; k < mu.length; k++) {
            sumLogVariance[k % units] += logVar[k];
            sumSecondMoment[k % units] += (double) mu[k] * mu[k] + var[k];
        }
        return new double[][] {sumLogVariance, sumSecondMoment};
    }

    /** {@code klSums} in float or double over outputs pre-filled with garbage; returns both sums. */
    private static double[][] klSums(float[] mu, float[] logVar, float[] var, int rows, int units, boolean asDouble) {
        NativeElements.Arena arena = new NativeElements.Arena();
        double[] sumLogVariance = new double[units];
        double[] sumSecondMoment = new double[units];
        Arrays.fill(sumLogVariance, 1234.5);
        Arrays.fill(sumSecondMoment, -987.25);
        DenseLayerTerms.klSums(elements(arena, mu, rows, units, asDouble), elements(arena, logVar, rows, units, asDouble),
                elements(arena, var, rows, units, asDouble), units, sumLogVariance, sumSecondMoment);
        return new double[][] {sumLogVariance, sumSecondMoment};
    }

    @ParameterizedTest
    @CsvSource({"37, 5", "32, 3", "3500, 7", "5, 1500"})
    void klSumsInFloatAgreeWithDoubleAndTheReference(int rows, int units) {
        Random random = new Random(2);
        float[] mu = uniform(random, rows, units, -1, 1);
        // log-variances of one sign, so that no sum cancels and a relative tolerance applies
        float[] logVar = uniform(random, rows, units, -6, -1);
        float[] var = exp(logVar);
        double[][] reference = klReference(mu, logVar, var, units);
        double[][] inDouble = klSums(mu, logVar, var, rows, units, true);
        double[][] inFloat = klSums(mu, logVar, var, rows, units, false);
        for (int s = 0; s < 2; s++) {
            for (int j = 0; j < units; j++) {
                double scale = Math.abs(reference[s][j]);
                assertFloatClose(reference[s][j], inFloat[s][j], scale, "float branch, sum " + s + ", unit " + j);
                assertFloatClose(inDouble[s][j], inFloat[s][j], scale, "branches, sum " + s + ", unit " + j);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"37, 5", "32, 3", "3500, 7", "5, 1500"})
    void klSumsInDoubleMatchTheReference(int rows, int units) {
        Random random = new Random(3);
        float[] mu = uniform(random, rows, units, -1, 1);
        float[] logVar = uniform(random, rows, units, -6, 1);
        float[] var = exp(logVar);
        double[][] reference = klReference(mu, logVar, var, units);
        double[][] inDouble = klSums(mu, logVar, var, rows, units, true);
        for (int s = 0; s < 2; s++) {
            for (int j = 0; j < units; j++) {
                assertEquals(reference[s][j], inDouble[s][j], 1e-12, "sum " + s + ", unit " + j);
            }
        }
    }

    @Test
    void klSumsZeroTheirOutputsFirst() {
        // one row, units 2: the sums are the elements themselves, whatever the garbage in the outputs
        float[] mu = {0.5f, -2f};
        float[] logVar = {-1f, -3f};
        float[] var = {0.25f, 4f};
        for (boolean asDouble : new boolean[] {false, true}) {
            double[][] sums = klSums(mu, logVar, var, 1, 2, asDouble);
            String branch = asDouble ? "double branch" : "float branch";
            assertEquals(-1.0, sums[0][0], 0.0, branch);
            assertEquals(-3.0, sums[0][1], 0.0, branch);
            assertEquals(0.5, sums[1][0], 0.0, branch);
            assertEquals(8.0, sums[1][1], 0.0, branch);
        }
    }

    @ParameterizedTest
    @CsvSource({"37, 5", "32, 3", "3500, 7", "5, 1500"})
    void meanKlGradientInFloatAgreesWithDoubleAndTheReference(int rows, int units) {
        Random random = new Random(4);
        float[] mu = uniform(random, rows, units, -1, 1);
        double[] muScale = uniformDoubles(random, units, -2, 2);
        NativeElements.Arena arena = new NativeElements.Arena();
        NativeElements outFloat = output(arena, rows, units, false);
        NativeElements outDouble = output(arena, rows, units, true);
        DenseLayerTerms.meanKlGradient(elements(arena, mu, rows, units, false), muScale, units, outFloat);
        DenseLayerTerms.meanKlGradient(elements(arena, mu, rows, units, true), muScale, units, outDouble);
        for (int k = 0; k < mu.length; k++) {
            double reference = mu[k] * muScale[k % units];
            double scale = Math.abs(reference);
            assertEquals(reference, outDouble.values()[k], 0.0, "double branch, element " + k);
            assertFloatClose(reference, outFloat.floats()[k], scale, "float branch, element " + k);
            assertFloatClose(outDouble.values()[k], outFloat.floats()[k], scale, "branches, element " + k);
        }
    }

    @ParameterizedTest
    @CsvSource({"37, 5", "32, 3", "3500, 7", "5, 1500"})
    void logVarianceGradientInFloatAgreesWithDoubleAndTheReference(int rows, int units) {
        Random random = new Random(5);
        float[] likelihood = uniform(random, rows, units, -2, 2);
        float[] var = exp(uniform(random, rows, units, -6, 1));
        double[] muScale = uniformDoubles(random, units, -2, 2);
        double[] logVarOffset = uniformDoubles(random, units, -1, 1);
        NativeElements.Arena arena = new NativeElements.Arena();
        NativeElements outFloat = output(arena, rows, units, false);
        NativeElements outDouble = output(arena, rows, units, true);
        DenseLayerTerms.logVarianceGradient(elements(arena, likelihood, rows, units, false),
                elements(arena, var, rows, units, false), muScale, logVarOffset, units, outFloat);
        DenseLayerTerms.logVarianceGradient(elements(arena, likelihood, rows, units, true),
                elements(arena, var, rows, units, true), muScale, logVarOffset, units, outDouble);
        for (int k = 0; k < var.length; k++) {
            int j = k % units;
            double product = (likelihood[k] + muScale[j] * 0.5) * var[k];
            double reference = product - logVarOffset[j];
            // the subtraction may cancel: the error is relative to the size of its terms
            double scale = Math.abs(product) + Math.abs(logVarOffset[j]);
            assertEquals(reference, outDouble.values()[k], 0.0, "double branch, element " + k);
            assertFloatClose(reference, outFloat.floats()[k], scale, "float branch, element " + k);
            assertFloatClose(outDouble.values()[k], outFloat.floats()[k], scale, "branches, element " + k);
        }
    }
}
