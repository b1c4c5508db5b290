package org.parsimony.variational.graph;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one evaluation of the {@link ElboGraph} reads besides the parameters: the minibatch, the noise
 * of every layer, and the scalars.
 *
 * @param features      {@code [b, n_0]}
 * @param oneHot        {@code [b, classes]}
 * @param gaussianNoise per layer {@code eps ~ N(0,1)}: {@code [b, n_l]} for a dense layer, {@code [b, C, H, W]} of the
 *                      convolution output (before pooling) for a conv layer
 *                      ({@link org.parsimony.variational.network.VariationalNetwork#noiseShape})
 * @param uniformNoise  per layer {@code u ~ U(0,1)}, {@code [b, n_l]} ({@code null} entries for ungated layers)
 * @param priors        per layer prior parameters
 * @param klScale       weight of the KL term, {@code 1 / N_train}
 * @param temperature   binary-concrete temperature {@code tau > 0}
 */
public record ElboInputs(INDArray features, INDArray oneHot, List<INDArray> gaussianNoise,
                         List<INDArray> uniformNoise, List<LayerPrior> priors, double klScale, double temperature) {

    /** @throws IllegalArgumentException if the per-layer lists differ in length or a scalar is out of range */
    public ElboInputs {
        if (gaussianNoise.size() != uniformNoise.size() || gaussianNoise.size() != priors.size()) {
            throw new IllegalArgumentException("need noise and priors for every layer: " + gaussianNoise.size()
                    + " gaussian, " + uniformNoise.size() + " uniform, " + priors.size() + " priors");
        }
        if (!(klScale >= 0) || !Double.isFinite(klScale)) {
            throw new IllegalArgumentException("KL scale must be finite and non-negative, got " + klScale);
        }
        if (!(temperature > 0) || !Double.isFinite(temperature)) {
            throw new IllegalArgumentException("temperature must be positive, got " + temperature);
        }
    }

    Map<String, INDArray> feed(boolean pointMassSpike, DataType type) {
        Map<String, INDArray> feed = new HashMap<>();
        feed.put("x", features.castTo(type));
        feed.put("y", oneHot.castTo(type));
        feed.put("klScale", ElboGraph.scalar(klScale, type));
        feed.put("temperature", ElboGraph.scalar(temperature, type));
        for (int l = 0; l < priors.size(); l++) {
            feed.put(LayerPlaceholder.GAUSSIAN_NOISE.of(l), gaussianNoise.get(l).castTo(type));
            LayerPrior prior = priors.get(l);
            feed.put(LayerPlaceholder.SLAB_VARIANCE.of(l), ElboGraph.scalar(prior.slabVariance(), type));
            if (uniformNoise.get(l) != null) {
                feed.put(LayerPlaceholder.UNIFORM_NOISE.of(l), uniformNoise.get(l).castTo(type));
                feed.put(LayerPlaceholder.INCLUSION.of(l), ElboGraph.scalar(prior.inclusion(), type));
            }
            if (!pointMassSpike && l < priors.size() - 1) {
                // also for a layer without gates of its own: its weights may follow another layer's (a residual stream)
                feed.put(LayerPlaceholder.SPIKE_VARIANCE.of(l), ElboGraph.scalar(prior.spikeVariance(), type));
            }
        }
        return feed;
    }
}
