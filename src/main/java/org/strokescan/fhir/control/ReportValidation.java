package org.strokescan.fhir.control;

import static org.strokescan.fhir.control.ReportMapper.DEVICE_PROFILE;
import static org.strokescan.fhir.control.ReportMapper.FINDING_PROFILE;
import static org.strokescan.fhir.control.ReportMapper.REPORT_PROFILE;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * The one FHIR validator of the application: base R4 plus our profiles, CodeSystem and ValueSet from
 * {@code fhir-profiles/} (shipped as class-path resources). Building it takes seconds, so it is built once and
 * shared; HAPI's validator is thread-safe.
 */
public final class ReportValidation {

    /** Every conformance resource in {@code fhir-profiles/}, in the order they are loaded. */
    public static final List<String> CONFORMANCE_FILES = List.of(
            "CodeSystem-v3-ObservationValue-AIAST.json",
            "CodeSystem-strokescan-finding.json",
            "ValueSet-strokescan-finding-result.json",
            "StructureDefinition-strokescan-model-device.json",
            "StructureDefinition-strokescan-ai-finding.json",
            "StructureDefinition-strokescan-diagnostic-report.json");

    private static volatile ReportValidation shared;

    private final FhirContext context;
    private final FhirValidator validator;
    private final PrePopulatedValidationSupport ours;

    private ReportValidation() {
        context = FhirContext.forR4Cached();
        ours = new PrePopulatedValidationSupport(context);
        for (String file : CONFORMANCE_FILES) {
            IBaseResource resource = context.newJsonParser().parseResource(read("fhir-profiles/" + file));
            switch (resource) {
                case StructureDefinition definition -> ours.addStructureDefinition(definition);
                case CodeSystem codeSystem -> ours.addCodeSystem(codeSystem);
                case ValueSet valueSet -> ours.addValueSet(valueSet);
                default -> throw new IllegalStateException(file + " is not a conformance resource");
            }
        }
        // ours first: its AIAST fragment stands in for the R4 copy of v3-ObservationValue, which predates that code
        ValidationSupportChain chain = new ValidationSupportChain(ours, new DefaultProfileValidationSupport(context),
                new SnapshotGeneratingValidationSupport(context), new InMemoryTerminologyServerValidationSupport(context),
                new CommonCodeSystemsTerminologyService(context));
        validator = context.newValidator().registerValidatorModule(new FhirInstanceValidator(chain));
    }

    public static ReportValidation get() {
        ReportValidation instance = shared;
        if (instance == null) {
            synchronized (ReportValidation.class) {
                instance = shared;
                if (instance == null) {
                    instance = new ReportValidation();
                    shared = instance;
                }
            }
        }
        return instance;
    }

    /**
     * Loads what validation needs (base definitions, our snapshots, terminology), so that the first report sent
     * does not wait seconds for it. The result of validating these stubs is of no interest.
     */
    public void warmUp() {
        DiagnosticReport report = new DiagnosticReport();
        report.getMeta().addProfile(REPORT_PROFILE);
        Observation finding = new Observation();
        finding.getMeta().addProfile(FINDING_PROFILE);
        Device device = new Device();
        device.getMeta().addProfile(DEVICE_PROFILE);
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (Resource resource : List.of(report, finding, device)) {
            bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(resource).getRequest()
                    .setMethod(Bundle.HTTPVerb.POST).setUrl(resource.fhirType());
        }
        validator.validateWithResult(bundle);
    }

    /** The errors (and fatal errors) HAPI's validator finds, as "location: message" lines; empty when valid. */
    public List<String> errors(IBaseResource resource) {
        return validator.validateWithResult(resource).getMessages().stream()
                .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                .map(ReportValidation::describe)
                .toList();
    }

    private static String describe(SingleValidationMessage message) {
        return message.getLocationString() + ": " + message.getMessage();
    }

    static String read(String resource) {
        try (InputStream in = ReportValidation.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing class-path resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
