package org.parsimony.variational.network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The layer structure of a feed-forward classifier: the shape of one input example and its weight layers, the
 * last being the ungated dense output layer (one unit per class). Convolutions must come before dense layers;
 * the first dense layer after a convolution reads the NCHW-flattened activations (row {@code c H W + y W + x}).
 * Inputs arrive flat ({@code [N, C H W]}) and are reshaped to {@code [N, C, H, W]} when the first layer is a
 * convolution.
 *
 * <p>Reference architectures: {@link #mlp} (e.g. LeNet-300-100), {@link #lenet5} (LeCun et al. 1998, in the
 * 20-50-500 variant used by the pruning literature, e.g. Louizos, Ullrich &amp; Welling 2017), {@link #smallVgg}
 * (Simonyan &amp; Zisserman 2015, two 3x3 blocks scaled down to 28x28 inputs), {@link #vgg16} (its CIFAR variant,
 * batch-normalised) and {@link #resnet} (He et al. 2016, the CIFAR ResNets); {@link #scaled} resizes any of them by a
 * width multiplier. The layers of most form a chain; a residual network's layers say in their {@link LayerWiring}
 * which earlier layer they read and which they add, and {@link #dependencies()} turns that into the pruning graph.
 *
 * @param name   a short name recorded with results ({@code mlp}, {@code lenet5}, {@code vgg})
 * @param input  the shape of one input example
 * @param layers the weight layers, output layer last
 */
public record Architecture(String name, ImageShape input, List<LayerSpec> layers) {

    /**
     * @throws IllegalArgumentException if a convolution follows a dense layer, the output is not dense, a size vanishes,
     *                                  a layer reads or adds a layer that does not precede it, or an addition's two
     *                                  terms differ in shape
     */
    public Architecture {
        if (name == null || input == null || layers == null || layers.isEmpty()) {
            throw new IllegalArgumentException("an architecture needs a name, an input shape and at least one layer");
        }
        layers = List.copyOf(layers);
        if (layers.get(layers.size() - 1).type().producesImages()) {
            throw new IllegalArgumentException("the output layer must be dense, got " + layers);
        }
        List<ImageShape> outputs = new ArrayList<>();
        for (int l = 0; l < layers.size(); l++) {
            LayerSpec layer = layers.get(l);
            if (l > 0 && layer.type().producesImages() && !layers.get(l - 1).type().producesImages()) {
                throw new IllegalArgumentException("a convolution cannot follow a dense layer: " + layers);
            }
            int source = l - layer.wiring().source();
            int shortcut = l - layer.wiring().shortcut();
            if (source < -1 || layer.wiring().shortcut() > 0 && shortcut < 0) {
                throw new IllegalArgumentException("layer " + l + " (" + layer + ") reads or adds a layer before the"
                        + " first");
            }
            ImageShape in = source < 0 ? input : outputs.get(source);
            outputs.add(layer.outputShape(in));
            if (layer.wiring().shortcut() > 0) {
                ImageShape added = outputs.get(shortcut);
                ImageShape own = layer.type().preActivationShape(layer, in);
                if (!added.equals(own) || !layers.get(shortcut).type().producesImages()) {
                    throw new IllegalArgumentException("layer " + l + " (" + layer + ") outputs " + own
                            + " but adds layer " + shortcut + "'s " + added);
                }
            }
        }
    }

    /** A multilayer perceptron {@code inputs -> hidden... -> classes}. */
    public static Architecture mlp(int inputs, int[] hidden, int classes) {
        List<LayerSpec> layers = new ArrayList<>();
        for (int width : hidden) {
            layers.add(LayerSpec.dense(width));
        }
        layers.add(LayerSpec.dense(classes));
        return new Architecture("mlp", ImageShape.flat(inputs), layers);
    }

    /** LeNet-5: conv 5x5-20 (valid), pool, conv 5x5-50, pool, dense 500, dense {@code classes}. */
    public static Architecture lenet5(ImageShape input, int classes) {
        return new Architecture("lenet5", input, List.of(LayerSpec.conv(20, 5, ConvPadding.VALID, true),
                LayerSpec.conv(50, 5, ConvPadding.VALID, true), LayerSpec.dense(500), LayerSpec.dense(classes)));
    }

    /** A small VGG: conv3-32, conv3-32, pool, conv3-64, conv3-64, pool (same padding), dense 256, dense {@code classes}. */
    public static Architecture smallVgg(ImageShape input, int classes) {
        return new Architecture("vgg", input, List.of(LayerSpec.conv(32, 3, ConvPadding.SAME, false),
                LayerSpec.conv(32, 3, ConvPadding.SAME, true), LayerSpec.conv(64, 3, ConvPadding.SAME, false),
                LayerSpec.conv(64, 3, ConvPadding.SAME, true), LayerSpec.dense(256), LayerSpec.dense(classes)));
    }

    /**
     * VGG-16 for 32x32 images (Simonyan &amp; Zisserman 2015, in the CIFAR variant of the pruning literature, e.g. Li et
     * al. 2017, <i>Pruning Filters for Efficient ConvNets</i>): thirteen 3x3 same-padded convolutions of 64, 64, 128, 128,
     * 256, 256, 256, 512 x 6 filters, each batch-normalised, with a 2x2 max pooling after the 2nd, 4th, 7th, 10th and
     * 13th, then dense 512 and dense {@code classes}.
     */
    public static Architecture vgg16(ImageShape input, int classes) {
        int[] filters = {64, 64, 128, 128, 256, 256, 256, 512, 512, 512, 512, 512, 512};
        java.util.Set<Integer> pooled = java.util.Set.of(1, 3, 6, 9, 12);
        List<LayerSpec> layers = new ArrayList<>();
        for (int l = 0; l < filters.length; l++) {
            layers.add(LayerSpec.conv(filters[l], 3, ConvPadding.SAME, pooled.contains(l)).withBatchNorm(true));
        }
        layers.add(LayerSpec.dense(512));
        layers.add(LayerSpec.dense(classes));
        return new Architecture("vgg16", input, layers);
    }

    /**
     * A CIFAR ResNet (He et al. 2016, <i>Deep Residual Learning for Image Recognition</i>, section 4.2) of depth
     * {@code 6 blocks + 2}: a 3x3 convolution of 16 filters, three stages of {@code blocks} basic blocks
     * ({@code relu(bn(conv3(relu(bn(conv3(h))))) + shortcut(h))}) at 16, 32 and 64 filters, the first convolution of the
     * second and third stage with stride 2, every convolution batch-normalised, then a global average pooling and dense
     * {@code classes}. {@code blocks} = 3 gives ResNet-20, 9 ResNet-56.
     *
     * <p>Shortcuts are identities within a stage; where a stage starts (more channels, half the resolution) the shortcut
     * is a 1x1 convolution of stride 2 with batch normalisation (He et al.'s option B) rather than the parameter-free
     * zero-padded strided identity (option A): with the projection every channel of a residual stream is written by
     * layers with weights, so removing it is the same rule as removing a filter (the projection's input channels follow
     * the stream before it, its filters the stream after it), whereas option A maps channel {@code c} of one stream to a
     * fixed channel {@code c + C/4} of the next, a map that pruning either stream would have to carry along. The
     * projections add 2,560 weights to ResNet-20's 270 thousand at full width.
     *
     * @param blocks basic blocks per stage, {@code >= 1}
     * @throws IllegalArgumentException if {@code blocks < 1}
     */
    public static Architecture resnet(int blocks, ImageShape input, int classes) {
        if (blocks < 1) {
            throw new IllegalArgumentException("a ResNet stage needs at least one block, got " + blocks);
        }
        List<LayerSpec> layers = new ArrayList<>();
        layers.add(residualConv(16, 3));
        int[] stages = {16, 32, 64};
        for (int s = 0; s < stages.length; s++) {
            for (int b = 0; b < blocks; b++) {
                if (s > 0 && b == 0) {
                    layers.add(residualConv(stages[s], 3).withStride(2));
                    layers.add(residualConv(stages[s], 1).withStride(2).withWiring(new LayerWiring(2, 0, true)));
                    layers.add(residualConv(stages[s], 3).withWiring(new LayerWiring(2, 1, false)));
                } else {
                    layers.add(residualConv(stages[s], 3));
                    layers.add(residualConv(stages[s], 3).withWiring(new LayerWiring(1, 2, false)));
                }
            }
        }
        layers.set(layers.size() - 1, layers.get(layers.size() - 1).withGlobalPool());
        layers.add(LayerSpec.dense(classes));
        return new Architecture("resnet" + (6 * blocks + 2), input, layers);
    }

    private static LayerSpec residualConv(int filters, int kernel) {
        return LayerSpec.conv(filters, kernel, ConvPadding.SAME, false).withBatchNorm(true);
    }

    /**
     * The same structure with every gated layer's width multiplied by {@code multiplier} and rounded (at least 1);
     * {@code vgg16} at 0.25 has 16 to 128 filters and 128 dense units.
     *
     * @throws IllegalArgumentException unless the multiplier is positive and finite
     */
    public Architecture scaled(double multiplier) {
        if (!(multiplier > 0) || !Double.isFinite(multiplier)) {
            throw new IllegalArgumentException("width multiplier must be positive, got " + multiplier);
        }
        int[] gated = new int[layers.size() - 1];
        for (int l = 0; l < gated.length; l++) {
            gated[l] = (int) Math.max(1, Math.round(layers.get(l).units() * multiplier));
        }
        return withGatedUnits(gated);
    }

    /**
     * The reference architecture called {@code name} ({@code lenet5}, {@code vgg}, {@code vgg16}, {@code resnet20} or
     * {@code resnet56}) on square {@code image}s of any
     * number of channels (1 for Fashion-MNIST, 3 for CIFAR-10), with {@code classes} classes.
     *
     * @throws IllegalArgumentException for another name, or images that are not square (naming their shape)
     */
    public static Architecture forImages(String name, ImageShape image, int classes) {
        if (image.height() != image.width() || image.height() == 1) {
            int channels = image.pixels() == 1 ? 1 : image.channels();
            int side = (int) Math.round(Math.sqrt(image.features() / (double) channels));
            String square = channels * side * side == image.features() ? channels + "x" + side + "x" + side + " for "
                    + image.features() + " pixels" : "CxSxS";
            throw new IllegalArgumentException(name + " takes square images (" + square
                    + "), the data's images are " + image);
        }
        return switch (name) {
            case "lenet5" -> lenet5(image, classes);
            case "vgg" -> smallVgg(image, classes);
            case "vgg16" -> vgg16(image, classes);
            case "resnet20" -> resnet(3, image, classes);
            case "resnet56" -> resnet(9, image, classes);
            default -> throw new IllegalArgumentException("unknown conv architecture '" + name
                    + "' (known: lenet5, vgg, vgg16, resnet20, resnet56)");
        };
    }

    /**
     * The same structure with {@code units[l]} units or filters in gated (hidden) layer {@code l}; the output layer keeps
     * its classes.
     *
     * @throws IllegalArgumentException if there is not one width per gated layer
     */
    public Architecture withGatedUnits(int[] units) {
        if (units.length != layers.size() - 1) {
            throw new IllegalArgumentException(name + " has " + (layers.size() - 1) + " gated layers, got widths "
                    + Arrays.toString(units));
        }
        int[] all = Arrays.copyOf(units, layers.size());
        all[all.length - 1] = layers.get(layers.size() - 1).units();
        return withUnits(all);
    }

    /** The same structure with every convolution batch-normalised ({@code true}) or none ({@code false}). */
    public Architecture withBatchNorm(boolean normalised) {
        return new Architecture(name, input, layers.stream().map(layer -> layer.withBatchNorm(normalised)).toList());
    }

    /** Whether some convolution is batch-normalised. */
    public boolean hasBatchNorm() {
        return layers.stream().anyMatch(LayerSpec::batchNorm);
    }

    /** Number of weight layers. */
    public int layerCount() {
        return layers.size();
    }

    /** Layer {@code l}. */
    public LayerSpec layer(int l) {
        return layers.get(l);
    }

    /**
     * Whether the hand-written dense paths serve this structure, that is every layer is dense (none produces images):
     * the ELBO's backpropagation {@code DenseElboBackprop}, the {@link DeterministicMlp} with its manual
     * cross-entropy training, weight masks and model file. Other structures take the SameDiff graphs.
     */
    public boolean supportsDenseFastPath() {
        return layers.stream().noneMatch(layer -> layer.type().producesImages());
    }

    /** Widths {@code n_0, ..., n_L}: input features, then units or filters per layer (classes last). */
    public int[] widths() {
        int[] widths = new int[layers.size() + 1];
        widths[0] = input.features();
        for (int l = 0; l < layers.size(); l++) {
            widths[l + 1] = layers.get(l).units();
        }
        return widths;
    }

    /** The same structure with {@code units[l]} units or filters in layer {@code l}. */
    public Architecture withUnits(int[] units) {
        if (units.length != layers.size()) {
            throw new IllegalArgumentException("need " + layers.size() + " widths, got " + Arrays.toString(units));
        }
        List<LayerSpec> resized = new ArrayList<>();
        for (int l = 0; l < units.length; l++) {
            resized.add(layers.get(l).withUnits(units[l]));
        }
        return new Architecture(name, input, resized);
    }

    /** Shape of one example's activations entering layer {@code l} (before any flatten): its source's output. */
    public ImageShape inputShape(int l) {
        int source = l - layers.get(l).wiring().source();
        return source < 0 ? input : outputShape(source);
    }

    /** Shape of layer {@code l}'s convolution output before pooling (a dense layer: {@code [units, 1, 1]}). */
    public ImageShape preActivationShape(int l) {
        return layers.get(l).type().preActivationShape(layers.get(l), inputShape(l));
    }

    /** Shape of layer {@code l}'s output after pooling. */
    public ImageShape outputShape(int l) {
        return layers.get(l).outputShape(inputShape(l));
    }

    /** Whether some layer reads another than the one before it or adds another's output: a residual network. */
    public boolean isResidual() {
        return layers.stream().anyMatch(layer -> !layer.wiring().isChain());
    }

    /** Weights per unit: {@code n_in} for a dense layer, {@code k^2 C_in} for a convolution. */
    public int fanIn(int l) {
        return layers.get(l).fanIn(inputShape(l));
    }

    /** Which layers read each layer's output and which of their inputs each unit feeds: the pruning dependency graph. */
    public LayerDependencies dependencies() {
        return new LayerDependencies(this);
    }

    /** Shape of layer {@code l}'s weight array at these widths. */
    public long[] weightShape(int l) {
        return layers.get(l).weightShape(inputShape(l));
    }

    /** Exact parameter and multiply-add counts. */
    public NetworkComplexity complexity() {
        return new ConvNetComplexity(this);
    }

    @Override
    public String toString() {
        return name + "[" + input.channels() + "x" + input.height() + "x" + input.width() + ": "
                + layers.stream().map(LayerSpec::toString).collect(Collectors.joining(", ")) + "]";
    }
}
