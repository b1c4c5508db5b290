/**
 * Element-wise arithmetic on ND4J arrays done in Java loops the JIT vectorises: reading and writing an array's
 * elements, a fast {@code float} exponential, the matrix product that routes small products to BLAS directly, and a
 * pool of native arrays the MLP training step reuses so native memory does not wait for garbage collection.
 */
package org.parsimony.variational.elements;
