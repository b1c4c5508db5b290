package org.parsimony.priors;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * {@link Elementwise} on {@code double[]} vectors, in {@code double}: each operation returns a fresh array; an array of
 * length 1 is a scalar broadcast against the other operand (so a layer's prior parameter meets its units' vector).
 */
public final class ArrayArithmetic implements Elementwise<double[]> {
    /** The one instance (the class holds no state). */
    public static final ArrayArithmetic INSTANCE = new ArrayArithmetic();

    private ArrayArithmetic() {
    }

    /** A scalar: an array of length 1. */
    public static double[] scalar(double value) {
        return new double[] {value};
    }

    /** Element {@code j} of {@code a}, or its only element if it is a scalar. */
    public static double element(double[] a, int j) {
        return a.length == 1 ? a[0] : a[j];
    }

    @Override
    public double[] add(double[] a, double[] b) {
        return binary(a, b, (x, y) -> x + y);
    }

    @Override
    public double[] subtract(double[] a, double[] b) {
        return binary(a, b, (x, y) -> x - y);
    }

    @Override
    public double[] multiply(double[] a, double[] b) {
        return binary(a, b, (x, y) -> x * y);
    }

    @Override
    public double[] divide(double[] a, double[] b) {
        return binary(a, b, (x, y) -> x / y);
    }

    @Override
    public double[] times(double[] a, double c) {
        return unary(a, x -> x * c);
    }

    @Override
    public double[] minus(double[] a, double c) {
        return unary(a, x -> x - c);
    }

    @Override
    public double[] oneMinus(double[] a) {
        return unary(a, x -> 1 - x);
    }

    @Override
    public double[] negate(double[] a) {
        return unary(a, x -> -x);
    }

    @Override
    public double[] log(double[] a) {
        return unary(a, Math::log);
    }

    @Override
    public double[] constant(double c) {
        return scalar(c);
    }

    @Override
    public double[] xLogRatio(double[] x, double[] u, double[] v) {
        int n = length(length(x, u), v);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double xi = element(x, i);
            out[i] = xi == 0 ? 0 : xi * Math.log(element(u, i) / element(v, i));
        }
        return out;
    }

    private static double[] unary(double[] a, DoubleUnaryOperator f) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = f.applyAsDouble(a[i]);
        }
        return out;
    }

    private static double[] binary(double[] a, double[] b, DoubleBinaryOperator f) {
        int n = length(a, b);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = f.applyAsDouble(element(a, i), element(b, i));
        }
        return out;
    }

    private static int length(double[] a, double[] b) {
        return length(a.length, b);
    }

    private static int length(int n, double[] b) {
        if (n != b.length && n != 1 && b.length != 1) {
            throw new IllegalArgumentException("operands of lengths " + n + " and " + b.length + " do not broadcast");
        }
        return n == 1 ? b.length : n;
    }
}
