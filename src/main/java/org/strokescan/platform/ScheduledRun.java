package org.strokescan.platform;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** One run of a scheduled job, done by one node for the whole cluster (see {@link ScheduledRuns}). */
@Entity
@Table(name = "scheduled_run")
@IdClass(ScheduledRun.Key.class)
public class ScheduledRun {

    public record Key(String job, String slot) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(length = 40)
    private String job;

    @Id
    @Column(length = 40)
    private String slot;

    @Column(nullable = false, length = 64)
    private String node;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    protected ScheduledRun() {
    }

    ScheduledRun(String job, String slot, String node, Instant startedAt) {
        this.job = job;
        this.slot = slot;
        this.node = node;
        this.startedAt = startedAt;
    }
}
