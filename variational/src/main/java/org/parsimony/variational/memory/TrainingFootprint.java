package org.parsimony.variational.memory;

import org.parsimony.variational.network.Architecture;

import java.util.Locale;

/**
 * The memory that training a variational network takes, estimated from its architecture and batch size before anything
 * is allocated, so that a network too large for the process is refused with the estimate and the limit instead of
 * failing minutes later inside ND4J ({@code OutOfMemoryError}, {@code std::bad_alloc}).
 *
 * <p>Per weight (the {@code float} means and log-variances, whose arrays dominate; biases and gates are counted alike),
 * on the Java heap: Adam's two moments of both ({@link org.parsimony.variational.optim.AdamOptimizer} keeps them in Java
 * arrays), the Java copies that the MLP's backpropagation and Adam's update loop make of a weight array (means,
 * variances, log-variances, the two gradients, the likelihood part, Adam's parameter and gradient) and the checkpoint's
 * encoding of one array: {@value #HEAP_FLOATS_PER_WEIGHT} floats. Natively: the two arrays, their gradients, the
 * variances, the likelihood part, the copies that initialisation and each epoch's deterministic network make, and
 * Adam's moments copied out for the checkpoint: {@value #NATIVE_FLOATS_PER_WEIGHT} floats. Per activation (batch size
 * times the values of each layer's pre-activation, and the input) {@value #FLOATS_PER_ACTIVATION} floats in each
 * (mean, variance, noise, sample, gate, output and their gradients). An estimate, not an exact count; measured on
 * {@code --widths 20000,10} (16 M weights, estimate about 1 GiB of heap): a 700 MiB heap failed at the first step and
 * a 1 GiB heap at the first checkpoint.
 *
 * <p>A deterministic network ({@link #deterministic}) keeps one array per weight instead of two and no variances:
 * {@value #DETERMINISTIC_HEAP_FLOATS_PER_WEIGHT} floats per weight on the heap plus one per iterate a pseudo-bootstrap
 * recorder keeps, {@value #DETERMINISTIC_NATIVE_FLOATS_PER_WEIGHT} natively, and half the activation floats.
 *
 * @param network     the architecture, as it prints
 * @param batchSize   examples per step
 * @param heapBytes   estimated Java heap
 * @param nativeBytes estimated native (ND4J) memory
 */
public record TrainingFootprint(String network, int batchSize, long heapBytes, long nativeBytes) {
    static final int HEAP_FLOATS_PER_WEIGHT = 14;
    static final int NATIVE_FLOATS_PER_WEIGHT = 13;
    static final int FLOATS_PER_ACTIVATION = 8;
    static final int DETERMINISTIC_HEAP_FLOATS_PER_WEIGHT = 7;
    static final int DETERMINISTIC_NATIVE_FLOATS_PER_WEIGHT = 7;

    /**
     * The footprint of training {@code architecture} with minibatches of {@code batchSize}.
     *
     * @throws IllegalArgumentException if a layer's weights or a batch's activations would not fit in one array (their
     *                                  element counts are Java ints in the training step)
     */
    public static TrainingFootprint of(Architecture architecture, int batchSize) {
        return estimate(architecture, batchSize, HEAP_FLOATS_PER_WEIGHT, NATIVE_FLOATS_PER_WEIGHT, FLOATS_PER_ACTIVATION);
    }

    /**
     * The footprint of training the deterministic network of {@code architecture} with minibatches of
     * {@code batchSize} while a pseudo-bootstrap keeps the last {@code recordedIterates} copies of every weight (0: none).
     *
     * @throws IllegalArgumentException as {@link #of}
     */
    public static TrainingFootprint deterministic(Architecture architecture, int batchSize, int recordedIterates) {
        if (recordedIterates < 0) {
            throw new IllegalArgumentException("recorded iterates must be >= 0, got " + recordedIterates);
        }
        return estimate(architecture, batchSize, DETERMINISTIC_HEAP_FLOATS_PER_WEIGHT + recordedIterates,
                DETERMINISTIC_NATIVE_FLOATS_PER_WEIGHT, FLOATS_PER_ACTIVATION / 2);
    }

    private static TrainingFootprint estimate(Architecture architecture, int batchSize, int heapPerWeight,
                                              int nativePerWeight, int perActivation) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        double weights = 0;
        double activations = fitsOneArray((double) batchSize * architecture.input().features(),
                "a batch of " + batchSize + " inputs of " + architecture.input().features() + " values");
        for (int l = 0; l < architecture.layerCount(); l++) {
            var layer = architecture.layer(l);
            double units = layer.units();
            weights += fitsOneArray((double) architecture.fanIn(l) * units, "layer " + (l + 1) + " (" + layer
                    + ") with " + architecture.fanIn(l) + " x " + layer.units() + " weights") + 2 * units;
            double values = (double) layer.units() * architecture.preActivationShape(l).pixels();
            activations += fitsOneArray(batchSize * values, "a batch of " + batchSize + " through layer " + (l + 1)
                    + " (" + layer + ", " + String.format(Locale.ROOT, "%.0f", values) + " values per example)");
        }
        double bytes = Float.BYTES;
        return new TrainingFootprint(architecture.toString(), batchSize,
                saturated(bytes * ((double) heapPerWeight * weights + perActivation * activations)),
                saturated(bytes * ((double) nativePerWeight * weights + perActivation * activations)));
    }

    /**
     * Refuses a footprint larger than {@code available}.
     *
     * @throws IllegalArgumentException in one line with the estimate, the limit and what to change
     */
    public void requireFits(AvailableMemory available) {
        String what = "training " + network + " with batches of " + batchSize + " needs about ";
        if (heapBytes > available.heapBytes()) {
            throw new IllegalArgumentException(what + AvailableMemory.format(heapBytes) + " of Java heap, but only "
                    + AvailableMemory.format(available.heapBytes()) + " is available (-Xmx); use narrower layers, a "
                    + "smaller batch or a larger heap");
        }
        if (nativeBytes > available.nativeBytes()) {
            throw new IllegalArgumentException(what + AvailableMemory.format(nativeBytes) + " of native memory, but only "
                    + AvailableMemory.format(available.nativeBytes()) + " is available (physical memory, and JavaCPP's "
                    + "maxPhysicalBytes); use narrower layers or a smaller batch");
        }
    }

    /** Refuses this footprint if it does not fit the memory available now (after a collection if need be). */
    public void requireAvailable() {
        requireFits(AvailableMemory.forHeap(heapBytes));
    }

    private static double fitsOneArray(double elements, String what) {
        if (elements > AvailableMemory.MAX_ARRAY_LENGTH) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: %.0f values, more than the %d one array "
                    + "can hold", what, elements, AvailableMemory.MAX_ARRAY_LENGTH));
        }
        return elements;
    }

    private static long saturated(double bytes) {
        return bytes >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) bytes;
    }
}
