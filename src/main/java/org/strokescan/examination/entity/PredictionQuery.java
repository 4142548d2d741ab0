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
 */
public record PredictionQuery(Instant from, Instant to, String clinician, String patientId, Boolean positive,
                              String modelVersion) {

    public static final PredictionQuery ALL = new PredictionQuery(null, null, null, null, null, null);

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        append(text, "from", from);
        append(text, "to", to);
        append(text, "clinician", clinician);
        append(text, "patient", patientId);
        append(text, "label", positive == null ? null : positive ? "positive" : "negative");
        append(text, "model", modelVersion);
        return text.isEmpty() ? "all" : text.toString();
    }

    private static void append(StringBuilder text, String name, Object value) {
        if (value != null) {
            text.append(text.isEmpty() ? "" : " ").append(name).append('=').append(value);
        }
    }
}
