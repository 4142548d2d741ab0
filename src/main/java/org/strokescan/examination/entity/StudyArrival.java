package org.strokescan.examination.entity;

/**
 * Where a PACS study's instance is filed: its department examination, or why the study cannot be taken (then
 * {@code examinationId} is null). A value rather than an exception, so one refused study does not roll back the
 * other studies' instances of the same request.
 */
public record StudyArrival(String examinationId, String refusal) {

    public static StudyArrival filed(String examinationId) {
        return new StudyArrival(examinationId, null);
    }

    public static StudyArrival refused(String why) {
        return new StudyArrival(null, why);
    }

    public boolean isFiled() {
        return examinationId != null;
    }
}
