package org.strokescan.fhir.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.strokescan.audit.boundary.AuditTrail;
import org.strokescan.audit.entity.AuditAction;
import org.strokescan.audit.entity.AuditEntry;
import org.strokescan.audit.entity.AuditSubject;
import org.strokescan.examination.boundary.ExaminationReads;
import org.strokescan.examination.entity.ExaminationChanged;
import org.strokescan.examination.entity.ExaminationRecord;
import org.strokescan.examination.entity.Prediction;
import org.strokescan.examination.entity.StoredImage;
import org.strokescan.fhir.control.OutboxRepository;
import org.strokescan.fhir.control.ReportMapper;
import org.strokescan.fhir.entity.OutboxMessage;
import org.strokescan.fhir.entity.ReportKind;

/**
 * Queues the EHR report of an examination whenever its result changes, in the same transaction as the change:
 * the bundle is mapped and stored in the outbox; the relay validates and sends it later (validation of a large
 * study takes a while, and the clinician's upload should not wait for it). Not called by users: it observes
 * {@link ExaminationChanged}.
 */
@Stateless
@PermitAll
public class ReportOutbox {

    @Inject
    EhrSettings settings;

    @Inject
    ExaminationReads examinations;

    @Inject
    OutboxRepository outbox;

    @Inject
    AuditTrail audit;

    public void queue(@Observes ExaminationChanged change) {
        if (!settings.enabled()) {
            return;
        }
        ExaminationRecord record = examinations.record(change.examinationId()).orElseThrow();
        if (record.slices().isEmpty()) {
            return;
        }
        ReportKind kind = ReportKind.of(record.examination().reviewState());
        // A series adds slices faster than the relay sends: a preliminary report still waiting for its first
        // attempt takes the newer bundle (locked, so the relay cannot be sending it meanwhile), instead of one
        // message per slice piling up in the outbox.
        Optional<OutboxMessage> waiting = kind == ReportKind.PRELIMINARY
                ? outbox.lockUntriedPreliminary(change.examinationId()) : Optional.empty();
        String id = waiting.map(OutboxMessage::id).orElseGet(() -> UUID.randomUUID().toString());
        String bundle = ReportMapper.json(ReportMapper.toBundle(record, settings.patientIdentifierSystem(), id,
                Instant.now(), keyImage(record)));
        if (waiting.isPresent()) {
            waiting.get().replaceBundle(bundle);
            return;
        }
        // the new report says everything an undelivered preliminary one would: that one is not sent any more
        outbox.undeliveredPreliminary(change.examinationId()).forEach(OutboxMessage::supersede);
        outbox.add(new OutboxMessage(id, change.examinationId(), outbox.nextSequence(change.examinationId()), kind,
                record.examination().patientId(), Instant.now(), bundle));
        audit.record(AuditEntry.success(AuditAction.REPORT_QUEUED, AuditSubject.patient(record.examination().patientId()))
                .withDetail("report " + id + " " + kind + "; examination " + change.examinationId()));
    }

    /** The most suspicious slice as uploaded, when the report is to carry it. */
    private ReportMapper.KeyImage keyImage(ExaminationRecord record) {
        if (!settings.attachKeyImage()) {
            return null;
        }
        Prediction key = record.slices().getFirst();
        StoredImage image = examinations.image(key.imageSha256());
        return new ReportMapper.KeyImage(image.content(), "JPEG".equals(image.format()) ? "image/jpeg" : "image/png",
                key.fileName() == null ? key.imageSha256() : key.fileName());
    }
}
