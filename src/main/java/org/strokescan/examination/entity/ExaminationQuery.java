package org.strokescan.examination.entity;

import java.time.Instant;

/**
 * A filter over examinations; a null field does not filter.
 *
 * @param from        started at or after
 * @param to          started before
 * @param clinician   exact username of the clinician who owns it
 * @param patientId   exact patient identifier
 * @param verdict     the study verdict
 * @param reviewState where the review stands
 */
public record ExaminationQuery(Instant from, Instant to, String clinician, String patientId, Verdict verdict,
                               ReviewState reviewState) {

    public ExaminationQuery forClinician(String username) {
        return new ExaminationQuery(from, to, username, patientId, verdict, reviewState);
    }
}
