/**
 * Image intake and preprocessing for the stroke CNN (the model registry, classifier and explanations build on
 * them). {@code inference.control} is plain Java: the CLI and training use exactly the same code as the server.
 */
package org.strokescan.inference;
