/**
 * Pruning a user's own DL4J network ({@code MultiLayerNetwork} or a one-input, one-output {@code ComputationGraph})
 * with the library's criteria, after Torch-Pruning's dependency graph: {@code DependencyGraph} groups each dense
 * layer's units and each convolution's filters with everything that must shrink with them (batch normalisation, the
 * next layer's inputs, the channels a residual add couples); {@code PseudoBootstrapListener} records MU's window
 * during the user's own {@code fit}; {@code Dl4jPruner} scores and selects, {@code Dl4jSurgery} cuts or masks, and
 * {@code Dl4jModelFile} writes the smaller network as a {@code ModelSerializer} zip. The only module that depends on
 * DL4J, so library users who do not add it stay free of it.
 */
package org.parsimony.dl4j;
