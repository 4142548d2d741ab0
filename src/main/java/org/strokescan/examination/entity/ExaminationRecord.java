package org.strokescan.examination.entity;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * An examination as its clinician sees it: the classified slices, most suspicious first; the refused files
 * with their reasons; the reviews, signature first. Serializable: the examination page keeps it in the session,
 * which a cluster copies to another node.
 */
public record ExaminationRecord(Examination examination, List<Prediction> slices, List<RejectedUpload> rejections,
                                List<Review> reviews) implements Serializable {

    public ExaminationRecord {
        slices = List.copyOf(slices);
        rejections = List.copyOf(rejections);
        reviews = List.copyOf(reviews);
    }

    /** The review that stands now: the latest amendment, or the signature. */
    public Optional<Review> currentReview() {
        return reviews.isEmpty() ? Optional.empty() : Optional.of(reviews.getLast());
    }
}
