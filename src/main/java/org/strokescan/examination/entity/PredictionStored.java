package org.strokescan.examination.entity;

/**
 * A CDI event: the active model's prediction of an image was stored (fired in the storing transaction; observe it
 * after success). Carries the image, so an observer can classify it again without reading it back.
 *
 * @param examinationId the examination the slice belongs to, or null for a single image sent through the API
 * @param modelId       {@code name/version} of the model that made it
 */
public record PredictionStored(String predictionId, String examinationId, String modelId, double probability,
                               boolean positive, byte[] content) {
}
