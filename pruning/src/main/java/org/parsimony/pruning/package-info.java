/**
 * Pruning criteria over posterior statistics, pruning policies and schedules, and surgery that returns a
 * physically smaller network. Empty in this first slice: the variational trainer prunes on its own; the
 * interchangeable criteria (gate probability, MU, magnitude, random, SiPP) land with the criterion issue.
 */
package org.parsimony.pruning;
