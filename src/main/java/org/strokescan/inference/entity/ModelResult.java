package org.strokescan.inference.entity;

/** A classification with the model that made it (also when it is a refusal, which names no model itself). */
public record ModelResult(String modelId, Classification classification) {
}
