/**
 * The {@code parsimony} command line (picocli): one command class per job ({@code train}, {@code prune},
 * {@code prune-study}, {@code compare}, {@code reproduce}, {@code bench}), the shared data-set options, the epoch
 * progress printer and the output-directory lock. Commands are thin: the work is the library's and the study
 * runner's; bad input becomes one {@code error: ...} line naming the file or option, and exit status 1.
 */
package org.parsimony.experiments.cli;
