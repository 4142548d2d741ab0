package org.strokescan.fhir.entity;

import org.strokescan.examination.entity.ReviewState;

/** The DiagnosticReport status a message carries: AI-only, signed, or amended after signing. */
public enum ReportKind {
    PRELIMINARY,
    FINAL,
    AMENDED;

    public static ReportKind of(ReviewState state) {
        return switch (state) {
            case UNREVIEWED -> PRELIMINARY;
            case SIGNED -> FINAL;
            case AMENDED -> AMENDED;
        };
    }
}
