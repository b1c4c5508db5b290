/**
 * Networks and their architectures: the variational network whose hidden units or filters carry gates, the
 * deterministic MLP and conv net a training run delivers, layer specifications (dense, convolution, batch
 * normalisation), image shapes, input standardisation folded into the first layer, initialisation, and parameter and
 * FLOP counts. Architectures: MLPs, LeNet-5, a small VGG and the CIFAR VGG-16.
 */
package org.parsimony.variational.network;
