package org.strokescan.modelops.entity;

/** What the active model said about an image, which the shadow's result is stored beside. */
public record ShadowInput(String predictionId, String examinationId, String activeModel, double activeProbability,
                          boolean activePositive) {
}
