package org.strokescan.pacs.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.strokescan.audit.boundary.AuditTrail;
import org.strokescan.audit.entity.AuditAction;
import org.strokescan.audit.entity.AuditEntry;
import org.strokescan.audit.entity.AuditOutcome;
import org.strokescan.audit.entity.AuditSubject;
import org.strokescan.examination.boundary.DepartmentStudies;
import org.strokescan.examination.entity.DicomStudy;
import org.strokescan.examination.entity.StudyArrival;
import org.strokescan.inference.boundary.DicomFiles;
import org.strokescan.inference.entity.DicomHeader;
import org.strokescan.inference.entity.DicomRead;
import org.strokescan.inference.entity.IntakeResult;
import org.strokescan.pacs.control.PacsRepository;
import org.strokescan.pacs.entity.DicomInstance;
import org.strokescan.pacs.entity.IncomingStudy;
import org.strokescan.pacs.entity.InstanceSummary;
import org.strokescan.pacs.entity.StowOutcome;
import org.strokescan.platform.Role;

/**
 * Takes the instances of one STOW-RS request from a sending system: each is read (header only), checked by the DICOM
 * gate, and stored once under its SOP Instance UID into its study's department examination, which then waits for
 * the quiet period before it is classified (never on the request thread). A refused instance is answered with its
 * reason; every request is audited per study.
 */
@Stateless
@RolesAllowed(Role.INTEGRATION_NAME)
public class DicomReceiver {

    @Inject
    DicomFiles dicomFiles;

    @Inject
    DepartmentStudies studies;

    @Inject
    PacsRepository repository;

    @Inject
    AuditTrail audit;

    @Inject
    @ConfigProperty(name = "strokescan.pacs.max-instances")
    int maxInstances;

    @Resource
    SessionContext session;

    /**
     * @param parts       the request's parts, in order
     * @param studyInPath the StudyInstanceUID of {@code POST /dicomweb/studies/{study}}: every instance must be of it
     */
    public List<StowOutcome> store(List<byte[]> parts, Optional<String> studyInPath) {
        String sender = session.getCallerPrincipal().getName();
        Instant now = Instant.now();
        List<StowOutcome> outcomes = new ArrayList<>(parts.size());
        Map<String, StudyTally> tallies = new LinkedHashMap<>();
        for (byte[] part : parts) {
            StowOutcome outcome = storeOne(part, studyInPath, sender, now, tallies);
            outcomes.add(outcome);
        }
        tallies.values().forEach(this::audit);
        long unread = outcomes.stream().filter(o -> o.sopInstanceUid() == null).count();
        if (unread > 0) {
            audit.record(new AuditEntry(AuditAction.DICOM_RECEIVED, "dicomweb", AuditOutcome.FAILURE,
                    unread + " part(s) of a STOW-RS request were not readable DICOM"));
        }
        return outcomes;
    }

    private StowOutcome storeOne(byte[] part, Optional<String> studyInPath, String sender, Instant now,
                                 Map<String, StudyTally> tallies) {
        DicomRead read = dicomFiles.read(part);
        if (read instanceof DicomRead.Refused refused) {
            return StowOutcome.failed(null, null, refused.reason() == IntakeResult.Reason.UNSUPPORTED_TRANSFER_SYNTAX
                    ? StowOutcome.TRANSFER_SYNTAX_NOT_SUPPORTED : StowOutcome.CANNOT_UNDERSTAND, refused.message());
        }
        DicomHeader header = ((DicomRead.Header) read).header();
        String sopClass = header.sopClassUid();
        String sop = header.sopInstanceUid();
        if (sop == null || header.studyInstanceUid() == null || header.seriesInstanceUid() == null) {
            return StowOutcome.failed(sopClass, sop, StowOutcome.CANNOT_UNDERSTAND, "The instance lacks its SOP"
                    + " Instance, Study Instance or Series Instance UID; StrokeScan files instances by them.");
        }
        if (sop.length() > 64 || header.studyInstanceUid().length() > 64 || header.seriesInstanceUid().length() > 64) {
            return StowOutcome.failed(sopClass, sop, StowOutcome.CANNOT_UNDERSTAND,
                    "A UID is longer than the 64 characters DICOM allows.");
        }
        StudyTally tally = tallies.computeIfAbsent(header.studyInstanceUid(), uid -> new StudyTally(uid,
                header.patientId()));
        if (studyInPath.isPresent() && !studyInPath.get().equals(header.studyInstanceUid())) {
            return tally.refuse(StowOutcome.failed(sopClass, sop, StowOutcome.DATA_SET_DOES_NOT_MATCH,
                    "The instance belongs to study " + header.studyInstanceUid() + ", not to " + studyInPath.get()
                            + " named in the request's URL."));
        }
        Optional<DicomRead.Refused> gate = dicomFiles.gate(header);
        if (gate.isPresent()) {
            return tally.refuse(StowOutcome.failed(sopClass, sop, StowOutcome.SOP_CLASS_NOT_SUPPORTED,
                    gate.get().message()));
        }
        if (repository.knows(sop)) {
            tally.again++;
            return StowOutcome.stored(sopClass, sop, "stored before; kept once");
        }
        StudyArrival arrival = studies.arrive(new DicomStudy(header.studyInstanceUid(), header.patientId(),
                header.issuerOfPatientId(), header.accessionNumber(), header.studyDateTime(),
                header.referringPhysician(), header.performingPhysician()));
        if (!arrival.isFiled()) {
            return tally.refuse(StowOutcome.failed(sopClass, sop, StowOutcome.SOP_CLASS_NOT_SUPPORTED,
                    arrival.refusal()));
        }
        String examinationId = arrival.examinationId();
        IncomingStudy incoming = repository.incoming(examinationId).orElseGet(() -> {
            IncomingStudy created = new IncomingStudy(examinationId, header.studyInstanceUid(), now);
            repository.add(created);
            return created;
        });
        if (incoming.instances() >= maxInstances) {
            return tally.refuse(StowOutcome.failed(sopClass, sop, StowOutcome.OUT_OF_RESOURCES, "The study already"
                    + " holds " + maxInstances + " instances, the most StrokeScan takes of one study."));
        }
        InstanceSummary summary = new InstanceSummary(sop, header.seriesInstanceUid(), header.instanceNumber(),
                header.positionAlongNormal().isPresent() ? header.positionAlongNormal().getAsDouble() : null,
                header.sliceThickness(), header.axial(), header.rows(), header.columns());
        repository.add(new DicomInstance(summary, examinationId, now, sender, header.seriesDescription(), part));
        incoming.received(now);
        tally.stored++;
        tally.examinationId = examinationId;
        return StowOutcome.stored(sopClass, sop, null);
    }

    private void audit(StudyTally tally) {
        String detail = String.format(Locale.ROOT, "study %s%s: %d stored, %d stored before, %d refused%s",
                tally.studyInstanceUid, tally.examinationId == null ? "" : " (examination " + tally.examinationId + ")",
                tally.stored, tally.again, tally.refused.values().stream().mapToInt(Integer::intValue).sum(),
                tally.refused.isEmpty() ? "" : " " + tally.refused);
        String subject = tally.patientId == null ? "dicomweb" : AuditSubject.patient(tally.patientId);
        audit.record(tally.refused.isEmpty() ? AuditEntry.success(AuditAction.DICOM_RECEIVED, subject).withDetail(detail)
                : new AuditEntry(AuditAction.DICOM_RECEIVED, subject,
                tally.stored + tally.again > 0 ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE, detail));
    }

    /** What one request did to one study, for its audit record. */
    private static final class StudyTally {
        final String studyInstanceUid;
        final String patientId;
        final Map<String, Integer> refused = new TreeMap<>();
        String examinationId;
        int stored;
        int again;

        StudyTally(String studyInstanceUid, String patientId) {
            this.studyInstanceUid = studyInstanceUid;
            this.patientId = patientId;
        }

        StowOutcome refuse(StowOutcome outcome) {
            refused.merge(outcome.message().length() > 60 ? outcome.message().substring(0, 60) + "…"
                    : outcome.message(), 1, Integer::sum);
            return outcome;
        }
    }
}
