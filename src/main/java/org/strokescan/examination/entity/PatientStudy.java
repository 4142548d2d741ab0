package org.strokescan.examination.entity;

import java.util.Objects;
import java.util.Optional;

/**
 * A patient's examination as another system is told of it: the study verdict, the review that stands now (if it was
 * signed) and the model of its newest classified slice (whose study rule judged the verdict).
 */
public record PatientStudy(Examination examination, Optional<Review> currentReview, String modelName,
                           String modelVersion) {

    public PatientStudy {
        Objects.requireNonNull(examination);
        Objects.requireNonNull(currentReview);
    }
}
