package org.strokescan.fhir.control;

import ca.uhn.fhir.context.FhirContext;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.strokescan.examination.entity.Examination;
import org.strokescan.examination.entity.ExaminationRecord;
import org.strokescan.examination.entity.Prediction;
import org.strokescan.examination.entity.Review;
import org.strokescan.examination.entity.Verdict;

/**
 * An examination as one FHIR R4 transaction bundle for the EHR (pure, no I/O): the DiagnosticReport, one
 * Observation for the study finding and one per classified slice, the model as a Device, the Patient found by
 * MRN, and a Provenance naming the model as author and the signing clinician as verifier. Every resource we own
 * carries our business identifier and is written with a conditional create or update on it, so sending the same
 * bundle twice changes nothing; the Provenance has no identifier in R4 and is written under a fixed id instead.
 */
public final class ReportMapper {

    public static final String BASE = "https://strokescan.org/fhir";
    public static final String CODE_SYSTEM = BASE + "/CodeSystem/strokescan-finding";
    public static final String EXAMINATION_SYSTEM = BASE + "/sid/examination";
    public static final String FINDING_SYSTEM = BASE + "/sid/finding";
    public static final String MODEL_SYSTEM = BASE + "/sid/model-checksum";
    public static final String USER_SYSTEM = BASE + "/sid/user";
    public static final String IMAGE_SYSTEM = BASE + "/sid/image-sha256";
    public static final String REPORT_PROFILE = BASE + "/StructureDefinition/strokescan-diagnostic-report";
    public static final String FINDING_PROFILE = BASE + "/StructureDefinition/strokescan-ai-finding";
    public static final String DEVICE_PROFILE = BASE + "/StructureDefinition/strokescan-model-device";

    private static final String LOINC = "http://loinc.org";
    private static final String UCUM = "http://unitsofmeasure.org";
    private static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    private static final String PROVENANCE_AGENT = "http://terminology.hl7.org/CodeSystem/provenance-participant-type";
    private static final String OBSERVATION_VALUE = "http://terminology.hl7.org/CodeSystem/v3-ObservationValue";

    /** An image to attach to the report: its bytes as uploaded, their media type, and what to call it. */
    public record KeyImage(byte[] content, String contentType, String title) {
    }

    private ReportMapper() {
    }

    /**
     * @param patientSystem the hospital's MRN identifier system
     * @param messageId     the outbox message, which names the Provenance of this report
     */
    public static Bundle toBundle(ExaminationRecord record, String patientSystem, String messageId, Instant issued) {
        return toBundle(record, patientSystem, messageId, issued, null);
    }

    /**
     * @param keyImage the most suspicious slice as uploaded, attached to the report as its presented form; null
     *                 to attach nothing
     */
    public static Bundle toBundle(ExaminationRecord record, String patientSystem, String messageId, Instant issued,
                                  KeyImage keyImage) {
        Examination examination = record.examination();
        Optional<Review> review = record.currentReview();
        Bundle bundle = new Bundle().setType(BundleType.TRANSACTION);

        Patient patient = new Patient();
        patient.addIdentifier(new Identifier().setSystem(patientSystem).setValue(examination.patientId()));
        String patientUrl = conditionalCreate(bundle, patient, "identifier=" + patientSystem + "|" + examination.patientId());

        DiagnosticReport.DiagnosticReportStatus status = review.isEmpty() ? DiagnosticReport.DiagnosticReportStatus.PRELIMINARY
                : review.get().amendment() ? DiagnosticReport.DiagnosticReportStatus.AMENDED
                : DiagnosticReport.DiagnosticReportStatus.FINAL;
        Observation.ObservationStatus observationStatus = Observation.ObservationStatus.fromCode(status.toCode());

        // one Device per model version that classified a slice of this study
        Map<String, String> deviceUrls = new LinkedHashMap<>();
        for (Prediction slice : record.slices()) {
            deviceUrls.computeIfAbsent(slice.modelChecksum(), checksum -> {
                Device device = new Device();
                device.getMeta().addProfile(DEVICE_PROFILE);
                device.addIdentifier(new Identifier().setSystem(MODEL_SYSTEM).setValue(checksum));
                device.addDeviceName().setName(slice.modelName()).setType(Device.DeviceNameType.MODELNAME);
                device.addVersion().setValue(slice.modelVersion());
                device.setType(new CodeableConcept().setText("AI model: probability of acute intracranial haemorrhage on one head-CT slice"));
                return conditionalCreate(bundle, device, "identifier=" + MODEL_SYSTEM + "|" + checksum);
            });
        }

        DiagnosticReport report = new DiagnosticReport();
        report.getMeta().addProfile(REPORT_PROFILE);
        if (review.isEmpty()) {
            report.getMeta().addSecurity(new Coding(OBSERVATION_VALUE, "AIAST", "Artificial Intelligence asserted"));
        }
        report.addIdentifier(new Identifier().setSystem(EXAMINATION_SYSTEM).setValue(examination.id()));
        if (examination.accessionNumber() != null) {
            report.addIdentifier(new Identifier().setType(new CodeableConcept(new Coding(
                    "http://terminology.hl7.org/CodeSystem/v2-0203", "ACSN", "Accession ID"))).setValue(examination.accessionNumber()));
        }
        report.setStatus(status);
        report.addCategory(new CodeableConcept(new Coding(LOINC, "LP29684-5", "Radiology")));
        report.setCode(new CodeableConcept(new Coding(LOINC, "24725-4", "CT Head")).setText("CT head: AI triage for acute intracranial haemorrhage"));
        report.setSubject(new Reference(patientUrl));
        report.setEffective(new DateTimeType(Date.from(examination.createdAt())));
        report.setIssued(Date.from(issued));
        review.ifPresent(r -> report.addResultsInterpreter(user(r.signedBy())));
        report.setConclusion(conclusion(record));
        // once signed the report concludes what the clinician found; the AI's finding stays in the study Observation
        report.addConclusionCode(finding(review.map(Review::finding).orElse(examination.verdict())));
        if (keyImage != null) {
            report.addPresentedForm(new Attachment().setContentType(keyImage.contentType()).setData(keyImage.content())
                    .setTitle("Key image (most suspicious slice): " + keyImage.title()));
        }

        Observation study = new Observation();
        study.getMeta().addProfile(FINDING_PROFILE);
        study.getMeta().addSecurity(new Coding(OBSERVATION_VALUE, "AIAST", "Artificial Intelligence asserted"));
        study.addIdentifier(new Identifier().setSystem(FINDING_SYSTEM).setValue(examination.id() + "-study"));
        study.setStatus(observationStatus);
        study.addCategory(new CodeableConcept(new Coding(OBSERVATION_CATEGORY, "imaging", "Imaging")));
        study.setCode(new CodeableConcept(new Coding(CODE_SYSTEM, "study-finding", "AI finding for the study")));
        study.setSubject(new Reference(patientUrl));
        study.setEffective(new DateTimeType(Date.from(examination.createdAt())));
        deviceUrls.values().stream().findFirst().ifPresent(url -> study.setDevice(new Reference(url)));
        study.setValue(finding(examination.verdict()));
        if (examination.maxProbability() != null) {
            study.addComponent(probability("highest-probability", "Highest slice probability", examination.maxProbability()));
        }
        if (examination.studyProbability() != null) {
            study.addComponent(probability("study-probability", "Study probability", examination.studyProbability()));
            study.addComponent(probability("study-threshold", "Study decision threshold", examination.studyThreshold()));
        }
        study.addComponent(new Observation.ObservationComponentComponent(new CodeableConcept(
                new Coding(CODE_SYSTEM, "slice-count", "Slices classified"))).setValue(new IntegerType(examination.sliceCount())));
        report.addResult(new Reference(upsert(bundle, study, FINDING_SYSTEM, examination.id() + "-study")));

        for (Prediction slice : record.slices()) {
            Observation observation = new Observation();
            observation.getMeta().addProfile(FINDING_PROFILE);
            observation.getMeta().addSecurity(new Coding(OBSERVATION_VALUE, "AIAST", "Artificial Intelligence asserted"));
            observation.addIdentifier(new Identifier().setSystem(FINDING_SYSTEM).setValue(slice.id()));
            observation.setStatus(observationStatus);
            observation.addCategory(new CodeableConcept(new Coding(OBSERVATION_CATEGORY, "imaging", "Imaging")));
            observation.setCode(new CodeableConcept(new Coding(CODE_SYSTEM, "slice-finding", "AI finding for one slice")));
            observation.setSubject(new Reference(patientUrl));
            observation.setEffective(new DateTimeType(Date.from(slice.createdAt())));
            observation.setDevice(new Reference(deviceUrls.get(slice.modelChecksum())));
            observation.setValue(finding(slice.positive() ? Verdict.SUSPECTED : Verdict.NOT_DETECTED));
            observation.addComponent(probability("probability", "Probability", slice.probability()));
            observation.addComponent(probability("threshold", "Decision threshold", slice.threshold()));
            if (slice.fileName() != null) {
                observation.addNote().setText("Image " + slice.fileName() + ", sha256 " + slice.imageSha256());
            }
            report.addResult(new Reference(upsert(bundle, observation, FINDING_SYSTEM, slice.id())));
        }

        String reportUrl = upsert(bundle, report, EXAMINATION_SYSTEM, examination.id());

        Provenance provenance = new Provenance();
        provenance.setId("strokescan-" + messageId);
        provenance.addTarget(new Reference(reportUrl));
        provenance.setRecorded(Date.from(issued));
        deviceUrls.values().forEach(url -> provenance.addAgent().setType(new CodeableConcept(
                new Coding(PROVENANCE_AGENT, "author", "Author"))).setWho(new Reference(url)));
        review.ifPresent(r -> provenance.addAgent().setType(new CodeableConcept(
                new Coding(PROVENANCE_AGENT, "verifier", "Verifier"))).setWho(user(r.signedBy())));
        for (Prediction slice : record.slices()) {
            provenance.addEntity().setRole(Provenance.ProvenanceEntityRole.SOURCE).setWhat(new Reference()
                    .setIdentifier(new Identifier().setSystem(IMAGE_SYSTEM).setValue(slice.imageSha256()))
                    .setDisplay(slice.fileName()));
        }
        // Provenance has no identifier in R4: it is written under a fixed id, named by the outbox message
        bundle.addEntry().setFullUrl(BASE + "/Provenance/" + provenance.getId()).setResource(provenance)
                .getRequest().setMethod(HTTPVerb.PUT).setUrl("Provenance/" + provenance.getId());
        return bundle;
    }

    /** A bundle as the JSON that is stored and sent. */
    public static String json(Bundle bundle) {
        return FhirContext.forR4Cached().newJsonParser().encodeResourceToString(bundle);
    }

    /**
     * The conclusion in words, for readers of the EHR that show no codes. Once signed it leads with the clinician's
     * finding (who, when, whether it agrees with the AI, the comment); the AI's finding follows as decision support.
     */
    static String conclusion(ExaminationRecord record) {
        Examination examination = record.examination();
        StringBuilder text = new StringBuilder();
        record.currentReview().ifPresent(r -> {
            text.append("Clinician's finding: ").append(switch (r.finding()) {
                case SUSPECTED -> "acute intracranial haemorrhage";
                case NOT_DETECTED -> "no acute intracranial haemorrhage";
                case PENDING -> throw new IllegalStateException("a review always has a finding");
            }).append(r.amendment() ? " (amended by " : " (signed by ").append(r.signedBy()).append(", ")
                    .append(r.signedAt()).append(r.agrees() ? "; agrees with the AI finding)." : "; disagrees with the AI finding).");
            if (r.comment() != null) {
                text.append(" Comment: ").append(r.comment()).append(r.comment().endsWith(".") ? "" : ".");
            }
            text.append(' ');
        });
        text.append("AI decision support (not a diagnosis): ");
        text.append(switch (examination.verdict()) {
            case SUSPECTED -> "acute intracranial haemorrhage suspected";
            case NOT_DETECTED -> "no acute intracranial haemorrhage detected";
            case PENDING -> "no slice classified";
        });
        if (examination.studyProbability() != null) {
            text.append(String.format(Locale.ROOT, " (study probability %.1f %% against the study threshold %.1f %%;"
                            + " %d slices; highest slice probability %.1f %%)", examination.studyProbability() * 100,
                    examination.studyThreshold() * 100, examination.sliceCount(), examination.maxProbability() * 100));
        } else if (examination.maxProbability() != null) {
            text.append(String.format(Locale.ROOT, " (%d slices; highest probability %.1f %%)",
                    examination.sliceCount(), examination.maxProbability() * 100));
        }
        text.append('.');
        if (examination.verdict() == Verdict.NOT_DETECTED && record.slices().stream().anyMatch(Prediction::positive)) {
            // the study has its own operating point; a slice's finding is taken at the slice threshold
            text.append(" Slices at or above their own threshold are marked suspected in their findings: read them first.");
        }
        if (examination.rejectedCount() > 0) {
            text.append(' ').append(examination.rejectedCount()).append(examination.rejectedCount() == 1
                    ? " uploaded file was refused (not a readable head-CT slice) and not classified."
                    : " uploaded files were refused (not readable head-CT slices) and not classified.");
        }
        return text.toString();
    }

    private static CodeableConcept finding(Verdict verdict) {
        return switch (verdict) {
            case SUSPECTED -> new CodeableConcept(new Coding(CODE_SYSTEM, "ich-suspected",
                    "Acute intracranial haemorrhage suspected"));
            case NOT_DETECTED -> new CodeableConcept(new Coding(CODE_SYSTEM, "ich-not-detected",
                    "No acute intracranial haemorrhage detected"));
            case PENDING -> new CodeableConcept(new Coding(CODE_SYSTEM, "no-result", "No slice classified"));
        };
    }

    private static Observation.ObservationComponentComponent probability(String code, String display, double value) {
        return new Observation.ObservationComponentComponent(new CodeableConcept(new Coding(CODE_SYSTEM, code, display)))
                .setValue(new Quantity().setValue(new BigDecimal(String.format(Locale.ROOT, "%.4f", value)))
                        .setUnit("probability").setSystem(UCUM).setCode("1"));
    }

    private static Reference user(String username) {
        return new Reference().setIdentifier(new Identifier().setSystem(USER_SYSTEM).setValue(username))
                .setDisplay(username);
    }

    private static String conditionalCreate(Bundle bundle, Resource resource, String query) {
        String url = fullUrl(resource.fhirType() + "?" + query);
        bundle.addEntry().setFullUrl(url).setResource(resource).getRequest()
                .setMethod(HTTPVerb.POST).setUrl(resource.fhirType()).setIfNoneExist(query);
        return url;
    }

    private static String upsert(Bundle bundle, Resource resource, String system, String value) {
        String url = fullUrl(resource.fhirType() + "?identifier=" + system + "|" + value);
        bundle.addEntry().setFullUrl(url).setResource(resource).getRequest()
                .setMethod(HTTPVerb.PUT).setUrl(resource.fhirType() + "?identifier=" + system + "|" + value);
        return url;
    }

    /** The same resource gets the same temporary id in every bundle, so a resend is the same bundle. */
    private static String fullUrl(String key) {
        return "urn:uuid:" + UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
    }
}
