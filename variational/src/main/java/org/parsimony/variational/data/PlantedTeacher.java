package org.parsimony.variational.data;

import java.util.SplittableRandom;

/**
 * A random ReLU teacher network {@code inputs -> k -> classes} that labels synthetic images: the one data set whose
 * true number of hidden units is known, so a structure learner can be checked against it (a planted-structure
 * test). Pixels are drawn uniformly from the 256 grey levels of an 8-bit image ({@code x = b / 255}), so a sample
 * can be stored as IDX files exactly; the teacher reads them centred and scaled to unit variance,
 * {@code z = (x - 1/2) sqrt(12)}, computes {@code h = relu(W1 z)} and labels {@code argmax(W2 h)} with
 * {@code W2 ~ N(0, 1)}; with probability {@code labelNoise} a label is replaced by a uniformly drawn class (which may
 * equal the clean one), so the teacher's own accuracy is {@code 1 - labelNoise (1 - 1/classes)}.
 *
 * <p>Each teacher unit reads {@code fanIn} inputs drawn at random, with weights {@code N(0, 1/fanIn)} (the others are
 * 0), as a unit of an image net reads a patch. The reason is the information a data set holds: {@code n} labels carry
 * at most {@code n log(classes)} nats, and a unit with {@code d} free weights needs some {@code d} nats or more to be
 * pinned down; a dense teacher on 784 inputs with {@code k = 40} units asks for more than 20,000 labels hold
 * (measured: a gated 300-100 student kept 3-5 units at 51-64 % against the teacher's 91 % for dense teachers with
 * {@code k = 10, 20, 40}).
 *
 * <p>Even so, white-noise pixels leave every one of the 784 input directions informative, and a student of 784 inputs
 * then needs far more labels than a real image set gives: a dense 300-100 student memorises 20,000 examples and reaches
 * 56 % against the teacher's 91 %. Real images vary along few directions, so {@link #withSmoothImages} draws each image
 * as the bilinear interpolation of an {@code m x m} grid of uniform grey levels ({@code m = 7}: 49 directions, close
 * to the handful of principal components that hold most of the variance of digit or clothing images), on which a student
 * can learn the teacher and so show whether it finds the teacher's {@code k} units.
 */
public final class PlantedTeacher {
    private final int inputs;
    private final int hidden;
    private final int classes;
    private final double[] w1;
    private final double[] w2;
    /** Side of the grid of grey levels an image interpolates, 0 for white-noise pixels. */
    private final int latentSide;
    /** Output biases added to the logits (zero for white-noise pixels). */
    private final double[] outputBias;

    private PlantedTeacher(int inputs, int hidden, int classes, double[] w1, double[] w2, int latentSide,
                           double[] outputBias) {
        this.inputs = inputs;
        this.hidden = hidden;
        this.classes = classes;
        this.w1 = w1;
        this.w2 = w2;
        this.latentSide = latentSide;
        this.outputBias = outputBias;
    }

    /**
     * The same teacher on smooth square images: each image bilinearly interpolates an {@code latentSide x latentSide}
     * grid of grey levels drawn uniformly, rounded to the 8-bit grid.
     *
     * @throws IllegalArgumentException unless the inputs form a square image and {@code 2 <= latentSide <= its side}
     */
    public PlantedTeacher withSmoothImages(int latentSide) {
        int side = (int) Math.round(Math.sqrt(inputs));
        if (side * side != inputs || latentSide < 2 || latentSide > side) {
            throw new IllegalArgumentException("smooth images need a square image of side >= the grid side >= 2, got "
                    + inputs + " inputs and a grid of side " + latentSide);
        }
        PlantedTeacher smooth = new PlantedTeacher(inputs, hidden, classes, w1, w2, latentSide, new double[classes]);
        // h >= 0 has a positive mean, so without a bias the classes whose column of W2 sums high would take most
        // labels; the output bias -sum_j E[h_j] W2_jc (E estimated on images of a fixed seed) centres the logits
        double[] meanHidden = smooth.meanHidden(BIAS_SAMPLE, new SplittableRandom(BIAS_SEED));
        double[] bias = new double[classes];
        for (int j = 0; j < hidden; j++) {
            for (int c = 0; c < classes; c++) {
                bias[c] -= meanHidden[j] * w2[j * classes + c];
            }
        }
        return new PlantedTeacher(inputs, hidden, classes, w1, w2, latentSide, bias);
    }

    private static final int BIAS_SAMPLE = 4096;
    private static final long BIAS_SEED = 0x5EED;

    private double[] meanHidden(int n, SplittableRandom random) {
        int[] greys = new int[inputs];
        double[] z = new double[inputs];
        double[] mean = new double[hidden];
        for (int e = 0; e < n; e++) {
            drawImage(random, greys);
            for (int i = 0; i < inputs; i++) {
                z[i] = centred(greys[i]);
            }
            for (int j = 0; j < hidden; j++) {
                mean[j] += Math.max(0, preActivation(z, j)) / n;
            }
        }
        return mean;
    }

    private double preActivation(double[] z, int j) {
        double pre = 0;
        for (int i = 0; i < inputs; i++) {
            pre += z[i] * w1[i * hidden + j];
        }
        return pre;
    }

    /**
     * A teacher whose units each read {@code fanIn} inputs, with Gaussian weights drawn from {@code seed}.
     *
     * @throws IllegalArgumentException unless every size is positive and {@code classes >= 2}
     */
    public static PlantedTeacher random(int inputs, int hidden, int fanIn, int classes, long seed) {
        if (inputs < 1 || hidden < 1 || classes < 2 || fanIn < 1 || fanIn > inputs) {
            throw new IllegalArgumentException("a teacher needs inputs >= 1, hidden >= 1, 1 <= fanIn <= inputs and "
                    + "classes >= 2, got " + inputs + ", " + hidden + ", " + fanIn + ", " + classes);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] w1 = new double[inputs * hidden];
        double scale = 1 / Math.sqrt(fanIn);
        int[] order = new int[inputs];
        for (int j = 0; j < hidden; j++) {
            for (int i = 0; i < inputs; i++) {
                order[i] = i;
            }
            for (int t = 0; t < fanIn; t++) {
                int pick = t + random.nextInt(inputs - t);
                int chosen = order[pick];
                order[pick] = order[t];
                order[t] = chosen;
                w1[chosen * hidden + j] = random.nextGaussian() * scale;
            }
        }
        double[] w2 = new double[hidden * classes];
        for (int i = 0; i < w2.length; i++) {
            w2[i] = random.nextGaussian();
        }
        return new PlantedTeacher(inputs, hidden, classes, w1, w2, 0, new double[classes]);
    }

    /** The teacher's accuracy on its own noisy labels: {@code 1 - labelNoise (1 - 1/classes)}. */
    public double accuracyUnder(double labelNoise) {
        return 1 - labelNoise * (1 - 1.0 / classes);
    }

    /**
     * {@code n} examples drawn from {@code seed}: pixels in {@code [0, 1]} on the 8-bit grid, noisy teacher labels.
     *
     * @throws IllegalArgumentException unless {@code n >= 1} and {@code 0 <= labelNoise <= 1}
     */
    public LabeledData sample(int n, double labelNoise, long seed) {
        if (n < 1) {
            throw new IllegalArgumentException("sample size must be >= 1, got " + n);
        }
        if (!(labelNoise >= 0 && labelNoise <= 1)) {
            throw new IllegalArgumentException("label noise must be in [0, 1], got " + labelNoise);
        }
        SplittableRandom random = new SplittableRandom(seed);
        float[] features = new float[n * inputs];
        int[] labels = new int[n];
        double[] z = new double[inputs];
        int[] greys = new int[inputs];
        for (int e = 0; e < n; e++) {
            drawImage(random, greys);
            for (int i = 0; i < inputs; i++) {
                int grey = greys[i];
                features[e * inputs + i] = grey / 255f;
                z[i] = centred(grey);
            }
            // both draws are made whatever the noise level, so samples with other noise levels share their pixels
            boolean replaced = random.nextDouble() < labelNoise;
            int replacement = random.nextInt(classes);
            labels[e] = replaced ? replacement : label(z);
        }
        return new LabeledData(features, labels, inputs, classes);
    }

    /** One image's grey levels: white noise, or the interpolation of a coarse grid of uniform grey levels. */
    private void drawImage(SplittableRandom random, int[] greys) {
        if (latentSide == 0) {
            for (int i = 0; i < inputs; i++) {
                greys[i] = random.nextInt(256);
            }
            return;
        }
        int m = latentSide;
        double[] grid = new double[m * m];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = random.nextDouble();
        }
        int side = (int) Math.round(Math.sqrt(inputs));
        for (int r = 0; r < side; r++) {
            double y = r * (m - 1) / (double) (side - 1);
            int y0 = Math.min((int) y, m - 2);
            double fy = y - y0;
            for (int c = 0; c < side; c++) {
                double x = c * (m - 1) / (double) (side - 1);
                int x0 = Math.min((int) x, m - 2);
                double fx = x - x0;
                double v = (1 - fy) * ((1 - fx) * grid[y0 * m + x0] + fx * grid[y0 * m + x0 + 1])
                        + fy * ((1 - fx) * grid[(y0 + 1) * m + x0] + fx * grid[(y0 + 1) * m + x0 + 1]);
                greys[r * side + c] = (int) Math.round(v * 255);
            }
        }
    }

    /** The teacher's input for a grey level: {@code (b / 255 - 1/2) sqrt(12)}, unit variance under uniform grey levels. */
    private static double centred(int grey) {
        return (grey / 255.0 - 0.5) * Math.sqrt(12);
    }

    /** The clean label of centred inputs {@code z}. */
    private int label(double[] z) {
        double[] logits = outputBias.clone();
        for (int j = 0; j < hidden; j++) {
            double pre = preActivation(z, j);
            if (pre > 0) {
                for (int c = 0; c < classes; c++) {
                    logits[c] += pre * w2[j * classes + c];
                }
            }
        }
        int best = 0;
        for (int c = 1; c < classes; c++) {
            if (logits[c] > logits[best]) {
                best = c;
            }
        }
        return best;
    }
}
