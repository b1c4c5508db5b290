/**
 * JMH benchmarks of the hot kernels of training and inference (run them with
 * {@code java -cp experiments/target/parsimony.jar org.openjdk.jmh.Main -f 1 -wi 3 -i 5}; see the README).
 * Each benchmark measures one operation on fixed, seeded inputs; targets are judged from their scores and the
 * {@code parsimony bench} table, never from timed unit tests.
 */
package org.parsimony.experiments.bench.kernels;
