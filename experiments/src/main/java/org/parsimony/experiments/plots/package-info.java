/**
 * The PNG plots of studies and reproductions (XChart): accuracy against parameters, FLOPs or kept weights per method
 * with error bars over seeds, the variational net's units per layer, and the robustness plots. A plot depends only on
 * the rows it is given, so the same {@code runs.csv} redraws the same files.
 */
package org.parsimony.experiments.plots;
