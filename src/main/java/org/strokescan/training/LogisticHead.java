package org.strokescan.training;

/**
 * L2-regularised, class-weighted logistic regression on standardised feature vectors, trained full-batch with Adam:
 * the classifier on top of a frozen pretrained backbone. Small enough to fit in seconds, so every fold and every
 * setting can be tried.
 *
 * @param mean      per-feature mean of the training set (standardisation)
 * @param deviation per-feature standard deviation of the training set
 * @param weights   per-feature weight on the standardised features
 */
public record LogisticHead(float[] mean, float[] deviation, float[] weights, float bias) {

    public static LogisticHead fit(float[][] x, int[] y, double l2, int iterations) {
        int n = x.length;
        int d = x[0].length;
        float[] mean = new float[d];
        float[] deviation = new float[d];
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j] / n;
            }
        }
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                deviation[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / n;
            }
        }
        for (int j = 0; j < d; j++) {
            deviation[j] = (float) Math.sqrt(deviation[j] + 1e-6);
        }
        float[][] z = new float[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                z[i][j] = (x[i][j] - mean[j]) / deviation[j];
            }
        }
        long positives = java.util.Arrays.stream(y).filter(v -> v == 1).count();
        double positiveWeight = positives == 0 ? 1 : (double) (n - positives) / positives;
        double weightSum = positives * positiveWeight + (n - positives);
        double[] w = new double[d];
        double b = 0;
        double[] m = new double[d + 1];
        double[] v = new double[d + 1];
        double rate = 0.01;
        for (int t = 1; t <= iterations; t++) {
            double[] g = new double[d + 1];
            for (int i = 0; i < n; i++) {
                double s = b;
                for (int j = 0; j < d; j++) {
                    s += w[j] * z[i][j];
                }
                double residual = (Calibration.sigmoid(s) - y[i]) * (y[i] == 1 ? positiveWeight : 1) / weightSum;
                for (int j = 0; j < d; j++) {
                    g[j] += residual * z[i][j];
                }
                g[d] += residual;
            }
            for (int j = 0; j < d; j++) {
                g[j] += l2 * w[j];
            }
            for (int j = 0; j <= d; j++) {
                m[j] = 0.9 * m[j] + 0.1 * g[j];
                v[j] = 0.999 * v[j] + 0.001 * g[j] * g[j];
                double step = rate * (m[j] / (1 - Math.pow(0.9, t))) / (Math.sqrt(v[j] / (1 - Math.pow(0.999, t))) + 1e-8);
                if (j < d) {
                    w[j] -= step;
                } else {
                    b -= step;
                }
            }
        }
        float[] weights = new float[d];
        for (int j = 0; j < d; j++) {
            weights[j] = (float) w[j];
        }
        return new LogisticHead(mean, deviation, weights, (float) b);
    }

    public double logit(float[] features) {
        double s = bias;
        for (int j = 0; j < weights.length; j++) {
            s += weights[j] * (features[j] - mean[j]) / deviation[j];
        }
        return s;
    }

    public double probability(float[] features) {
        return Calibration.sigmoid(logit(features));
    }
}
