/** Writing files atomically and checksumming them: shared by checkpoints, model files and result files. */
package org.parsimony.variational.io;
