/**
 * Training and export of the stroke CNN (CLI only, no application server): TensorFlow graph mode through the
 * {@code org.tensorflow} classes DJL bundles. Uses {@code inference}'s preprocessing and model card, so what the
 * model sees in training is exactly what it sees in production. {@link org.strokescan.training.HeadPhantom} draws
 * synthetic head slices for demos and tests.
 */
package org.strokescan.training;
