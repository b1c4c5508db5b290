/**
 * Data sets the command line fetches or writes: the MNIST and CIFAR-10 downloads (a pinned SHA-256, a temporary file
 * renamed into place, a cache directory that works offline), the CIFAR binary format, and the writers of stratified
 * Fashion-MNIST subsets and planted-teacher data used by the robustness runs. The data types themselves live in the
 * library ({@code org.parsimony.variational.data}).
 */
package org.parsimony.experiments.data;
