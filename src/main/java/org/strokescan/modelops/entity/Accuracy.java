package org.strokescan.modelops.entity;

/** A model's study verdicts against clinicians' signed findings. */
public record Accuracy(int truePositives, int falseNegatives, int trueNegatives, int falsePositives)
        implements java.io.Serializable {

    /** Share of studies the clinician found a haemorrhage in that the model flagged; NaN without such studies. */
    public double sensitivity() {
        return share(truePositives, truePositives + falseNegatives);
    }

    /** Share of studies the clinician found none in that the model cleared; NaN without such studies. */
    public double specificity() {
        return share(trueNegatives, trueNegatives + falsePositives);
    }

    public int studies() {
        return truePositives + falseNegatives + trueNegatives + falsePositives;
    }

    static double share(int part, int whole) {
        return whole == 0 ? Double.NaN : (double) part / whole;
    }
}
