package org.strokescan.examination.entity;

import org.strokescan.inference.entity.Classification.Refused;

/** What became of an upload: a stored prediction, or the refusal (nothing stored but the audit record). */
public sealed interface PredictionOutcome {

    record Stored(Prediction prediction) implements PredictionOutcome {
    }

    record Rejected(Refused refusal) implements PredictionOutcome {
    }
}
