/**
 * {@code parsimony bench}: the speed and memory table (variational against deterministic training steps, epoch time
 * as units are removed, pruned against dense inference, peak memory), measured in one process on the same data so the
 * ratios compare like with like. The JMH kernels are in {@code bench.kernels}.
 */
package org.parsimony.experiments.bench;
