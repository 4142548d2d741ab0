package org.strokescan.monitoring.entity;

/**
 * One compared quantity of a drift check.
 *
 * @param name      stable name, e.g. {@code slice.psi}
 * @param value     its live value over the window, or null when the window had nothing to measure
 * @param reference its value on the validation data, or null where the threshold alone decides
 * @param threshold the configured threshold it is held against
 * @param samples   how many live observations the value rests on
 * @param alarm     whether the threshold is crossed (never with fewer samples than the configured minimum)
 */
public record DriftMetric(String name, Double value, Double reference, double threshold, long samples, boolean alarm)
        implements java.io.Serializable {
}
