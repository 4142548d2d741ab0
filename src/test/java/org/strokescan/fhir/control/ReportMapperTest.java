package org.strokescan.fhir.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.strokescan.examination.entity.Examination;
import org.strokescan.examination.entity.ExaminationRecord;
import org.strokescan.examination.entity.Prediction;
import org.strokescan.examination.entity.RejectedUpload;
import org.strokescan.examination.entity.Review;
import org.strokescan.inference.entity.Classification;
import org.strokescan.inference.entity.GateVerdict;
import org.strokescan.inference.entity.ImageFormat;
import org.strokescan.inference.entity.IntakeResult;
import org.strokescan.inference.entity.ModelIdentity;

/**
 * Each kind of study becomes a transaction bundle that validates against base R4 and our profiles with no
 * error. Each case is written to {@code target/fhir-examples/} for a reader (one is committed as
 * {@code fhir-profiles/examples/}).
 */
class ReportMapperTest {

    static final String MRN_SYSTEM = "https://hospital.example.org/fhir/sid/mrn";
    static final Instant ISSUED = Instant.parse("2026-11-27T10:20:00Z");
    static final ModelIdentity MODEL = new ModelIdentity("strokescan-ich", "1.1.0", "0b".repeat(32));

    private final Examination examination = new Examination(Instant.parse("2026-11-27T10:15:00Z"), "clinician1",
            "MRN-0042", "ACC-7", "fall, GCS 14");
    private final List<Prediction> slices = new ArrayList<>();
    private final List<RejectedUpload> rejections = new ArrayList<>();
    private final List<Review> reviews = new ArrayList<>();

    private void slice(String file, float probability) {
        Prediction prediction = new Prediction(Instant.parse("2026-11-27T10:16:00Z"), "clinician1", "MRN-0042",
                examination.id(), Integer.toHexString(file.hashCode()).repeat(8).substring(0, 64), file,
                new Classification.Classified(probability, probability >= 0.1522, 0.1522, MODEL, ImageFormat.PNG,
                        256, 256, 3_700_000));
        slices.add(prediction);
        // the rule of models before 2.0: the study is its most suspicious slice, at the slice threshold
        examination.addSlice(prediction, slices.stream().mapToDouble(Prediction::probability).max().orElseThrow(), 0.1522);
    }

    private void review(boolean agrees, String comment) {
        reviews.add(new Review(examination, reviews.size() + 1, "clinician1", Instant.parse("2026-11-27T10:19:00Z"),
                agrees, comment));
        examination.reviewed();
    }

    private Bundle bundle(String name) throws IOException {
        return bundle(name, null);
    }

    private Bundle bundle(String name, ReportMapper.KeyImage keyImage) throws IOException {
        List<Prediction> ordered = slices.stream().sorted((a, b) -> Double.compare(b.probability(), a.probability())).toList();
        Bundle bundle = ReportMapper.toBundle(new ExaminationRecord(examination, ordered, rejections, reviews),
                MRN_SYSTEM, "6f1c2a9e-0000-4000-8000-000000000001", ISSUED, keyImage);
        String json = FhirContext.forR4Cached().newJsonParser().setPrettyPrint(true).encodeResourceToString(bundle);
        Path folder = Files.createDirectories(Path.of("target", "fhir-examples"));
        Files.writeString(folder.resolve(name + ".json"), json);
        assertEquals(List.of(), ReportValidation.get().errors(bundle), json);
        return bundle;
    }

    private static <T extends Resource> List<T> all(Bundle bundle, Class<T> type) {
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(type::isInstance)
                .map(type::cast).toList();
    }

    private static String code(CodeableConcept concept) {
        return concept.getCodingFirstRep().getCode();
    }

    /** The validator still finds errors (with HAPI's unused dependencies left off the class path, see the pom). */
    @Test
    void theValidatorRefusesAReportThatBreaksR4AndOurCodeSystem() throws IOException {
        slice("slice-01.png", 0.62f);
        Bundle bundle = bundle("preliminary");
        DiagnosticReport report = all(bundle, DiagnosticReport.class).getFirst();
        report.getConclusionCodeFirstRep().getCodingFirstRep().setCode("no-such-finding");
        report.setCode(null);

        List<String> errors = ReportValidation.get().errors(bundle);
        assertTrue(errors.stream().anyMatch(e -> e.contains("no-such-finding")), errors::toString);
        assertTrue(errors.stream().anyMatch(e -> e.contains("DiagnosticReport.code")), errors::toString);
    }

    @Test
    void aPreliminaryReportIsAiOnlyAndMarkedSo() throws IOException {
        slice("slice-01.png", 0.62f);
        Bundle bundle = bundle("preliminary");
        DiagnosticReport report = all(bundle, DiagnosticReport.class).getFirst();
        assertEquals(DiagnosticReport.DiagnosticReportStatus.PRELIMINARY, report.getStatus());
        assertEquals("AIAST", report.getMeta().getSecurityFirstRep().getCode());
        assertEquals("ich-suspected", code(report.getConclusionCodeFirstRep()));
        assertTrue(report.getConclusion().startsWith("AI decision support (not a diagnosis): acute intracranial haemorrhage suspected"));
        assertEquals(2, report.getResult().size(), "the study finding and the slice");
        assertEquals(1, all(bundle, Provenance.class).getFirst().getAgent().size(), "the model as author, no verifier yet");
        // every resource we own is written conditionally on our identifier; the patient found by MRN
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            Bundle.BundleEntryRequestComponent request = entry.getRequest();
            switch (entry.getResource().fhirType()) {
                case "Patient" -> assertEquals("identifier=" + MRN_SYSTEM + "|MRN-0042", request.getIfNoneExist());
                case "Device" -> assertTrue(request.getIfNoneExist().startsWith("identifier=" + ReportMapper.MODEL_SYSTEM));
                case "Provenance" -> assertEquals("Provenance/strokescan-6f1c2a9e-0000-4000-8000-000000000001", request.getUrl());
                default -> assertTrue(request.getUrl().contains("?identifier=https://strokescan.org/fhir/sid/"), request.getUrl());
            }
        }
    }

    @Test
    void aMultiSliceStudyListsEverySliceWithItsProbabilityAndThreshold() throws IOException {
        slice("slice-01.png", 0.05f);
        slice("slice-02.png", 0.31f);
        slice("slice-03.png", 0.09f);
        Bundle bundle = bundle("multi-slice");
        List<Observation> findings = all(bundle, Observation.class);
        assertEquals(4, findings.size());
        Observation study = findings.getFirst();
        assertEquals("study-finding", code(study.getCode()));
        assertEquals("ich-suspected", code(study.getValueCodeableConcept()));
        assertEquals(0.31, study.getComponentFirstRep().getValueQuantity().getValue().doubleValue(), 1e-4);
        Observation first = findings.get(1);
        assertEquals("ich-suspected", code(first.getValueCodeableConcept()), "most suspicious slice first");
        assertEquals("probability", code(first.getComponent().get(0).getCode()));
        assertEquals("threshold", code(first.getComponent().get(1).getCode()));
        assertEquals(0.1522, first.getComponent().get(1).getValueQuantity().getValue().doubleValue(), 1e-4);
        assertEquals(1, all(bundle, org.hl7.fhir.r4.model.Device.class).size(), "one model, one Device");
    }

    @Test
    void aSignedStudyIsFinalWithTheClinicianAsVerifier() throws IOException {
        slice("slice-01.png", 0.08f);
        slice("slice-02.png", 0.11f);
        review(true, "No bleed seen.");
        Bundle bundle = bundle("final");
        DiagnosticReport report = all(bundle, DiagnosticReport.class).getFirst();
        assertEquals(DiagnosticReport.DiagnosticReportStatus.FINAL, report.getStatus());
        assertEquals("ich-not-detected", code(report.getConclusionCodeFirstRep()));
        assertTrue(report.getConclusion().startsWith("Clinician's finding: no acute intracranial haemorrhage (signed by"
                + " clinician1, 2026-11-27T10:19:00Z; agrees with the AI finding). Comment: No bleed seen. AI decision support"
                + " (not a diagnosis): no acute intracranial haemorrhage detected"), report.getConclusion());
        assertEquals("clinician1", report.getResultsInterpreterFirstRep().getIdentifier().getValue());
        Provenance provenance = all(bundle, Provenance.class).getFirst();
        assertEquals(List.of("author", "verifier"), provenance.getAgent().stream().map(a -> code(a.getType())).toList());
        assertEquals(2, provenance.getEntity().size(), "each input image is an entity");
        all(bundle, Observation.class).forEach(o -> assertEquals(Observation.ObservationStatus.FINAL, o.getStatus()));
    }

    @Test
    void anAmendedStudyKeepsItsIdentifierSoTheEhrUpdatesTheSameReport() throws IOException {
        slice("slice-01.png", 0.71f);
        review(true, null);
        String signedUrl = all(bundle("signed"), DiagnosticReport.class).getFirst().getIdentifierFirstRep().getValue();
        review(false, "Calcification, not blood.");
        Bundle bundle = bundle("amended");
        DiagnosticReport report = all(bundle, DiagnosticReport.class).getFirst();
        assertEquals(DiagnosticReport.DiagnosticReportStatus.AMENDED, report.getStatus());
        assertEquals(signedUrl, report.getIdentifierFirstRep().getValue());
        assertTrue(report.getConclusion().startsWith("Clinician's finding: no acute intracranial haemorrhage (amended by"
                + " clinician1, 2026-11-27T10:19:00Z; disagrees with the AI finding). Comment: Calcification, not blood."),
                report.getConclusion());
        assertEquals("ich-not-detected", code(report.getConclusionCodeFirstRep()), "the amendment's finding");
        assertEquals("ich-suspected", code(all(bundle, Observation.class).getFirst().getValueCodeableConcept()),
                "the AI's finding stays as it was");
    }

    /**
     * Issue 24, item 1: a clinician who signs "I disagree" against a suspected haemorrhage concludes "no
     * haemorrhage". The report leads with that finding (words and code); the AI's finding stays an AI-asserted
     * Observation made by the model's Device.
     */
    @Test
    void aSignedDisagreementConcludesWithTheCliniciansFindingAndKeepsTheAiFindingAsAnObservation() throws IOException {
        slice("slice-01.png", 0.23f);
        review(false, "Beam-hardening artefact");
        Bundle bundle = bundle("final-disagreeing");
        DiagnosticReport report = all(bundle, DiagnosticReport.class).getFirst();
        assertEquals(DiagnosticReport.DiagnosticReportStatus.FINAL, report.getStatus());
        assertEquals("Clinician's finding: no acute intracranial haemorrhage (signed by clinician1,"
                + " 2026-11-27T10:19:00Z; disagrees with the AI finding). Comment: Beam-hardening artefact. AI decision"
                + " support (not a diagnosis): acute intracranial haemorrhage suspected (study probability 23.0 % against"
                + " the study threshold 15.2 %; 1 slices; highest slice probability 23.0 %).", report.getConclusion());
        assertEquals(1, report.getConclusionCode().size());
        assertEquals("ich-not-detected", code(report.getConclusionCodeFirstRep()), "the clinician's finding");
        assertTrue(report.getMeta().getSecurity().isEmpty(), "signed: no longer AI-asserted as a whole");

        Observation study = all(bundle, Observation.class).getFirst();
        assertEquals("study-finding", code(study.getCode()));
        assertEquals("ich-suspected", code(study.getValueCodeableConcept()), "the AI's finding, unchanged");
        assertEquals("AIAST", study.getMeta().getSecurityFirstRep().getCode());
        org.hl7.fhir.r4.model.Device device = all(bundle, org.hl7.fhir.r4.model.Device.class).getFirst();
        String deviceUrl = bundle.getEntry().stream().filter(e -> e.getResource() == device).findFirst().orElseThrow()
                .getFullUrl();
        assertEquals(deviceUrl, study.getDevice().getReference(), "made by the model");
    }

    @Test
    void refusedInputIsReportedInWordsAndNotAsAFinding() throws IOException {
        slice("slice-01.png", 0.12f);
        Classification.Refused photo = new Classification.Refused(GateVerdict.Reason.COLOUR, "a colour image");
        rejections.add(new RejectedUpload(examination.id(), Instant.now(), "photo.png", photo));
        examination.addRejection();
        rejections.add(new RejectedUpload(examination.id(), Instant.now(), "cut.png",
                new Classification.Refused(IntakeResult.Reason.CORRUPT, "damaged")));
        examination.addRejection();
        Bundle bundle = bundle("rejected-input");
        DiagnosticReport report = all(bundle, DiagnosticReport.class).getFirst();
        assertTrue(report.getConclusion().contains("2 uploaded files were refused"), report.getConclusion());
        assertEquals(2, all(bundle, Observation.class).size(), "refused files are no findings");
    }

    @Test
    void theKeyImageTravelsWithTheReportWhenConfigured() throws IOException {
        slice("slice-07.png", 0.81f);
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10};
        Bundle bundle = bundle("key-image", new ReportMapper.KeyImage(png, "image/png", "slice-07.png"));
        DiagnosticReport report = all(bundle, DiagnosticReport.class).getFirst();
        assertEquals("image/png", report.getPresentedFormFirstRep().getContentType());
        assertEquals(java.util.Arrays.toString(png), java.util.Arrays.toString(report.getPresentedFormFirstRep().getData()));
        assertTrue(report.getPresentedFormFirstRep().getTitle().endsWith("slice-07.png"));
    }

    @Test
    void theSameStudyMapsToTheSameBundle() throws IOException {
        slice("slice-01.png", 0.4f);
        var parser = FhirContext.forR4Cached().newJsonParser();
        assertEquals(parser.encodeResourceToString(bundle("again-1")), parser.encodeResourceToString(bundle("again-2")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"StructureDefinition-strokescan-diagnostic-report.json",
            "StructureDefinition-strokescan-ai-finding.json", "StructureDefinition-strokescan-model-device.json"})
    void theCommittedSnapshotsAreTheGeneratedOnes(String file) throws IOException {
        assertEquals(ProfileSnapshots.generated(file), Files.readString(ProfileSnapshots.FOLDER.resolve(file)),
                "regenerate with ProfileSnapshots (see its comment)");
    }
}
