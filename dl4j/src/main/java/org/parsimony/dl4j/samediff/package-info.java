/**
 * Unit pruning of a SameDiff graph: dense units and {@code conv2d} filters, each group followed through bias,
 * batch normalisation, element-wise activations, pooling and a flattening reshape to the next {@code mmul} or
 * {@code conv2d}; find the groups, select the units to keep with a criterion, cut or mask the variables. A unit path
 * through any other op is refused with the op's name.
 */
package org.parsimony.dl4j.samediff;
