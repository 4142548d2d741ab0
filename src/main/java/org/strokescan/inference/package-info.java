/**
 * From an uploaded file to a probability: intake, input gate, preprocessing, the model registry and cards, the DJL
 * TensorFlow model with its Grad-CAM explanation, and the classifier EJB with model readiness. {@code
 * inference.control} is plain Java + DJL, so the CLI and training run exactly the code the server runs; DJL types
 * stay in this component and in {@code training}.
 */
package org.strokescan.inference;
