package org.strokescan.examination.entity;

import java.time.Instant;

/**
 * A filter over stored predictions; a null field does not filter.
 *
 * @param from       made at or after
 * @param to         made before
 * @param clinician  exact username
 * @param patientId  exact patient identifier
 * @param positive   the label at the model's threshold
 * @param modelVersion exact model version
 * @param minProbability probability at least this (0–1)
 * @param maxProbability probability at most this (0–1)
 * @param reviewState    the review state of the prediction's examination
 * @param deliveryState  the state of any EHR report of the prediction's examination (PENDING, SENT, FAILED, …)
 * @param clinicianAgrees whether the review that stands now of the prediction's examination agrees with the AI
 *                        finding (true) or not (false); unreviewed examinations match neither
 */
public record PredictionQuery(Instant from, Instant to, String clinician, String patientId, Boolean positive,
                              String modelVersion, Double minProbability, Double maxProbability,
                              ReviewState reviewState, String deliveryState, Boolean clinicianAgrees) {

    public static final PredictionQuery ALL = new PredictionQuery(null, null, null, null, null, null, null, null,
            null, null, null);

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        append(text, "from", from);
        append(text, "to", to);
        append(text, "clinician", clinician);
        append(text, "patient", patientId);
        append(text, "label", positive == null ? null : positive ? "positive" : "negative");
        append(text, "model", modelVersion);
        append(text, "probability>=", minProbability);
        append(text, "probability<=", maxProbability);
        append(text, "review", reviewState);
        append(text, "delivery", deliveryState);
        append(text, "clinician-agrees-with-ai", clinicianAgrees);
        return text.isEmpty() ? "all" : text.toString();
    }

    private static void append(StringBuilder text, String name, Object value) {
        if (value != null) {
            text.append(text.isEmpty() ? "" : " ").append(name).append('=').append(value);
        }
    }
}
