package org.strokescan.monitoring.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One stored drift check: its report as JSON, with what the history and the banner need beside it. */
@Entity
@Table(name = "drift_check")
public class DriftCheck {

    public static final int REPORT_MAX = 100_000;

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "checked_at", nullable = false)
    private Instant checkedAt;

    @Column(name = "model_id", nullable = false, length = 100)
    private String modelId;

    @Column(name = "window_days", nullable = false)
    private int windowDays;

    @Column(nullable = false)
    private boolean alarm;

    @Column(nullable = false, length = 64)
    private String cause;

    @Column(nullable = false, length = REPORT_MAX)
    private String report;

    protected DriftCheck() {
    }

    /** @param cause what started it: {@code daily} or the user who pressed "check now" */
    public DriftCheck(Instant checkedAt, String modelId, int windowDays, boolean alarm, String cause, String report) {
        if (report == null || report.length() > REPORT_MAX) {
            throw new IllegalArgumentException("a drift report is JSON of at most " + REPORT_MAX + " characters");
        }
        this.id = UUID.randomUUID().toString();
        this.checkedAt = checkedAt;
        this.modelId = modelId;
        this.windowDays = windowDays;
        this.alarm = alarm;
        this.cause = cause.length() > 64 ? cause.substring(0, 64) : cause;
        this.report = report;
    }

    public String id() { return id; }
    public Instant checkedAt() { return checkedAt; }
    public String modelId() { return modelId; }
    public int windowDays() { return windowDays; }
    public boolean alarm() { return alarm; }
    public String cause() { return cause; }
    public String report() { return report; }
}
