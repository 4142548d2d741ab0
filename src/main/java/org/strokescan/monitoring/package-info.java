/**
 * Drift watch: compares the active model's live outputs and inputs over a sliding window against the validation
 * reference in its card, stores a daily report, and raises an alarm (audit, banner, webhook) when a threshold is
 * crossed. Reads predictions, studies, reviews and refusals through the examination boundary, the card through
 * the inference boundary; writes the audit trail through its boundary.
 */
package org.strokescan.monitoring;
