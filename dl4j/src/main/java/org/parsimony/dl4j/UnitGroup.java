package org.parsimony.dl4j;

import java.util.List;

/**
 * Units (or channels) of a DL4J network that are kept or removed together: unit {@code j} of the group is output
 * {@code j} of every producer, the parameters of index {@code j} of every follower, and the inputs it feeds in every
 * consumer. In a {@code MultiLayerNetwork} a group has one producer (a dense layer's units or a convolution's filters),
 * the batch normalisations after it as followers, and the next weighted layer as consumer, past subsampling,
 * activation and dropout layers, which pass channels through one to one.
 *
 * @param size      number of units {@code n}
 * @param producers indices of the layers whose outputs are the units
 * @param followers indices of the batch normalisations whose four vectors follow the units
 * @param consumers the layers that read the units
 */
public record UnitGroup(int size, List<Integer> producers, List<Integer> followers, List<GroupInput> consumers) {

    public UnitGroup {
        producers = List.copyOf(producers);
        followers = List.copyOf(followers);
        consumers = List.copyOf(consumers);
    }

    /**
     * A short description, e.g. {@code layer 0 (128 units) -> layer 1}, or for units coupled by a residual add
     * {@code layers 0, 2 (128 units) -> layer 1, layer 4}.
     */
    public String describe() {
        String layers = producers.size() == 1 ? "layer " + producers.get(0)
                : "layers " + producers.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "));
        return layers + " (" + size + " units)" + (followers.isEmpty() ? "" : ", batch norm " + followers) + " -> "
                + consumers.stream().map(GroupInput::toString).collect(java.util.stream.Collectors.joining(", "));
    }
}
