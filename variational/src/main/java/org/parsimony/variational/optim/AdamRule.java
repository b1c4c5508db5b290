package org.parsimony.variational.optim;

/**
 * Adam's rule, written once (Kingma &amp; Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015): at update
 * {@code t} of a parameter with gradient {@code g},
 * <pre>
 *   m = b1 m + (1 - b1) g,   v = b2 v + (1 - b2) g^2,   p -= lr sqrt(1 - b2^t) / (1 - b1^t) m / (sqrt(v) + eps)
 * </pre>
 * (the bias corrections folded into the step size, as in section 2 of the paper). {@link AdamOptimizer} owns the
 * moments of named parameters and calls this rule; {@link #update(float[], float[], float[], float[], int, float)} is the
 * same rule in {@code float} arithmetic for {@code float} parameters (Java has no generics over primitives, and a pass
 * in {@code double} over {@code float} arrays converts every element twice), so both loops stay side by side here.
 *
 * @param beta1   {@code b1} in [0, 1)
 * @param beta2   {@code b2} in [0, 1)
 * @param epsilon {@code eps > 0}
 */
record AdamRule(double beta1, double beta2, double epsilon) {

    /** @throws IllegalArgumentException unless {@code 0 <= beta1, beta2 < 1} and {@code epsilon > 0} */
    AdamRule {
        if (!(beta1 >= 0 && beta1 < 1)) {
            throw new IllegalArgumentException("beta1 must be in [0, 1), got " + beta1);
        }
        if (!(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("beta2 must be in [0, 1), got " + beta2);
        }
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("epsilon must be positive, got " + epsilon);
        }
    }

    /** {@code 1 - b1^t}, the first moment's bias correction at update {@code t}. */
    double firstCorrection(long t) {
        return 1 - Math.pow(beta1, t);
    }

    /** {@code 1 - b2^t}, the second moment's bias correction at update {@code t}. */
    double secondCorrection(long t) {
        return 1 - Math.pow(beta2, t);
    }

    /** {@code lr sqrt(1 - b2^t) / (1 - b1^t)}: the step size with both bias corrections folded in. */
    double stepSize(double learningRate, long t) {
        return learningRate * Math.sqrt(secondCorrection(t)) / firstCorrection(t);
    }

    /** {@code b1 m + (1 - b1) g}. */
    double firstMoment(double m, double g) {
        return beta1 * m + (1 - beta1) * g;
    }

    /**
     * {@code b2 v + (1 - b2) g h}: Adam's second moment with {@code h = g}, or a moment of another squared statistic
     * {@code s} with {@code g = s, h = 1} ({@link AdamOptimizer#applySharedScale}).
     */
    double secondMoment(double v, double g, double h) {
        return beta2 * v + (1 - beta2) * g * h;
    }

    /**
     * One pass of the rule over a {@code double} parameter, in place: moments {@code m}, {@code v} updated, then
     * {@code p -= scale m / (sqrt(v) + eps)} with {@code scale = }{@link #stepSize}.
     */
    void update(double[] p, double[] g, double[] m, double[] v, int n, double scale) {
        for (int i = 0; i < n; i++) {
            double gi = g[i];
            double mi = firstMoment(m[i], gi);
            double vi = secondMoment(v[i], gi, gi);
            m[i] = mi;
            v[i] = vi;
            p[i] = p[i] - scale * mi / (Math.sqrt(vi) + epsilon);
        }
    }

    /**
     * {@link #update(double[], double[], double[], double[], int, double)} in {@code float} arithmetic, the constants
     * rounded to {@code float} once, as ND4J's updater computes a {@code float} parameter: a pass in {@code double}
     * first converts every element of the four arrays and back, which took most of its time. Measured per training
     * step of a variational 300-100 MLP in steady state: 2.6-2.7 ms in double, 0.8-1.0 ms in float with the moments in
     * native arrays, 0.6-0.7 ms with the moments in Java arrays ({@link AdamMoments}).
     */
    void update(float[] p, float[] g, float[] m, float[] v, int n, float scale) {
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float c1 = (float) (1 - beta1);
        float c2 = (float) (1 - beta2);
        float eps = (float) epsilon;
        for (int i = 0; i < n; i++) {
            float gi = g[i];
            float mi = b1 * m[i] + c1 * gi;
            float vi = b2 * v[i] + c2 * gi * gi;
            m[i] = mi;
            v[i] = vi;
            p[i] -= scale * mi / ((float) Math.sqrt(vi) + eps);
        }
    }
}
