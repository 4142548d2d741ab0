package org.strokescan.training;

/**
 * Platt scaling: a calibrated probability σ(a·z + b) from the network's logit z. Class weighting makes the raw
 * output over-state the chance of haemorrhage; two numbers fitted on out-of-fold predictions put it back on the
 * scale of observed frequencies. A monotone map, so it changes no ranking and no AUC.
 */
public record Calibration(double a, double b) {

    public static final Calibration IDENTITY = new Calibration(1, 0);

    private static final double EPSILON = 1e-7;
    private static final double RIDGE = 1e-6;

    public double apply(double probability) {
        return sigmoid(a * logit(probability) + b);
    }

    public double[] apply(double[] probabilities) {
        double[] out = new double[probabilities.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = apply(probabilities[i]);
        }
        return out;
    }

    /**
     * Maximum likelihood (a, b) by Newton's method with step halving (a full Newton step can overshoot where the
     * start is far off), and a small ridge so a separable set cannot diverge.
     */
    public static Calibration fit(double[] probabilities, int[] truth) {
        double[] z = new double[probabilities.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = logit(probabilities[i]);
        }
        double a = 1;
        double b = 0;
        double loss = loss(z, truth, a, b);
        for (int iteration = 0; iteration < 100; iteration++) {
            double ga = RIDGE * (a - 1);
            double gb = RIDGE * b;
            double haa = RIDGE;
            double hab = 0;
            double hbb = RIDGE;
            for (int i = 0; i < z.length; i++) {
                double q = sigmoid(a * z[i] + b);
                double w = q * (1 - q);
                ga += (q - truth[i]) * z[i];
                gb += q - truth[i];
                haa += w * z[i] * z[i];
                hab += w * z[i];
                hbb += w;
            }
            double determinant = haa * hbb - hab * hab;
            double da = (hbb * ga - hab * gb) / determinant;
            double db = (haa * gb - hab * ga) / determinant;
            double step = 1;
            while (step > 1e-8 && loss(z, truth, a - step * da, b - step * db) > loss) {
                step /= 2;
            }
            a -= step * da;
            b -= step * db;
            double next = loss(z, truth, a, b);
            boolean converged = loss - next < 1e-12;
            loss = next;
            if (converged) {
                break;
            }
        }
        return new Calibration(a, b);
    }

    /** Negative log-likelihood plus the ridge towards the identity. */
    private static double loss(double[] z, int[] truth, double a, double b) {
        double sum = RIDGE / 2 * ((a - 1) * (a - 1) + b * b);
        for (int i = 0; i < z.length; i++) {
            double s = a * z[i] + b;
            // −log σ(s) = softplus(−s), −log(1 − σ(s)) = softplus(s)
            sum += truth[i] == 1 ? softplus(-s) : softplus(s);
        }
        return sum;
    }

    private static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    static double logit(double p) {
        double q = Math.clamp(p, EPSILON, 1 - EPSILON);
        return Math.log(q / (1 - q));
    }

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
