package org.strokescan.fhir.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One report for the EHR: the transaction bundle as it will be sent, and its delivery history. Written in the
 * transaction of the change it reports; messages of one examination are delivered in {@code sequence} order.
 */
@Entity
@Table(name = "report_outbox")
public class OutboxMessage {

    static final int ERROR_LENGTH = 1000;

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "examination_id", nullable = false, length = 36)
    private String examinationId;

    @Column(nullable = false)
    private int sequence;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private ReportKind kind;

    @Column(name = "patient_id", nullable = false, length = 64)
    private String patientId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private DeliveryState state;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;

    @Column(name = "last_error", length = ERROR_LENGTH)
    private String lastError;

    @Column(name = "sent_at")
    private Instant sentAt;

    @Column(name = "remote_ids", length = 2000)
    private String remoteIds;

    /** Long text, not a LOB: {@code text} on PostgreSQL (a {@code @Lob} would expect an {@code oid}), clob on H2. */
    @JdbcTypeCode(SqlTypes.LONG32VARCHAR)
    @Column(nullable = false)
    private String bundle;

    protected OutboxMessage() {
    }

    public OutboxMessage(String id, String examinationId, int sequence, ReportKind kind, String patientId,
                         Instant createdAt, String bundle) {
        this.id = id;
        this.examinationId = examinationId;
        this.sequence = sequence;
        this.kind = kind;
        this.patientId = patientId;
        this.createdAt = createdAt;
        this.state = DeliveryState.PENDING;
        this.nextAttemptAt = createdAt;
        this.bundle = bundle;
    }

    /** A message that fails validation in strict mode is parked at once: it must not reach the EHR. */
    public void refuse(String reason) {
        state = DeliveryState.FAILED;
        lastError = clip(reason);
    }

    public void delivered(Instant at, String ids) {
        attempts++;
        state = DeliveryState.SENT;
        sentAt = at;
        lastError = null;
        remoteIds = ids == null ? null : ids.substring(0, Math.min(2000, ids.length()));
    }

    /** A failed attempt: try again after {@code retryIn}, or park the message when none is given. */
    public void attemptFailed(Instant at, String error, Duration retryIn) {
        attempts++;
        lastError = clip(error);
        if (retryIn == null) {
            state = DeliveryState.FAILED;
        } else {
            nextAttemptAt = at.plus(retryIn);
        }
    }

    /** An admin sends a parked message again, now; its attempts start over. */
    public void retry(Instant now) {
        if (state != DeliveryState.FAILED && state != DeliveryState.CANCELLED) {
            throw new IllegalStateException("only a failed or cancelled message can be retried, this one is " + state);
        }
        state = DeliveryState.PENDING;
        attempts = 0;
        nextAttemptAt = now;
    }

    public void cancel() {
        if (state != DeliveryState.PENDING && state != DeliveryState.FAILED) {
            throw new IllegalStateException("only a pending or failed message can be cancelled, this one is " + state);
        }
        state = DeliveryState.CANCELLED;
    }

    /** Whether the relay has not tried it yet: its bundle may still be replaced by a newer one. */
    public boolean untried() {
        return state == DeliveryState.PENDING && attempts == 0;
    }

    /** The examination changed before the first attempt: this message carries the newer bundle instead. */
    public void replaceBundle(String newer) {
        if (!untried()) {
            throw new IllegalStateException("only an untried message can take a newer bundle, this one is " + state
                    + " after " + attempts + " attempts");
        }
        bundle = newer;
    }

    /** Replaced by a newer report of the same examination before it was delivered. */
    public void supersede() {
        if (state != DeliveryState.PENDING && state != DeliveryState.FAILED) {
            throw new IllegalStateException("only an undelivered message can be superseded, this one is " + state);
        }
        state = DeliveryState.SUPERSEDED;
    }

    private static String clip(String text) {
        return text == null ? null : text.substring(0, Math.min(ERROR_LENGTH, text.length()));
    }

    public String id() { return id; }
    public String examinationId() { return examinationId; }
    public int sequence() { return sequence; }
    public ReportKind kind() { return kind; }
    public String patientId() { return patientId; }
    public Instant createdAt() { return createdAt; }
    public DeliveryState state() { return state; }
    public int attempts() { return attempts; }
    public Instant nextAttemptAt() { return nextAttemptAt; }
    public String lastError() { return lastError; }
    public Instant sentAt() { return sentAt; }
    public String remoteIds() { return remoteIds; }
    public String bundle() { return bundle; }
}
