package org.strokescan.fhir.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.time.Instant;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.AuditEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.strokescan.audit.control.AuditChain;
import org.strokescan.audit.entity.AuditAction;
import org.strokescan.audit.entity.ChainLink;

/** Every kind of audit record becomes an R4 AuditEvent that HAPI's validator accepts with no error. */
class AuditEventMapperTest {

    private static FhirContext context;
    private static FhirValidator validator;

    @BeforeAll
    static void validatorOnce() {
        context = FhirContext.forR4Cached();
        ValidationSupportChain chain = new ValidationSupportChain(new DefaultProfileValidationSupport(context),
                new InMemoryTerminologyServerValidationSupport(context), new CommonCodeSystemsTerminologyService(context),
                new SnapshotGeneratingValidationSupport(context));
        validator = context.newValidator().registerValidatorModule(new FhirInstanceValidator(chain));
    }

    private static ChainLink record(AuditAction action, String outcome, String detail, String remote) {
        return AuditChain.next(41, AuditChain.GENESIS, Instant.parse("2026-11-27T10:15:30Z"), "admin", "ADMIN,AUDITOR",
                remote, action.name(), "clinician1", outcome, detail);
    }

    private static List<SingleValidationMessage> errors(AuditEvent event) {
        return validator.validateWithResult(event).getMessages().stream()
                .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                .toList();
    }

    @ParameterizedTest
    @EnumSource(AuditAction.class)
    void everyActionValidatesWithoutErrors(AuditAction action) {
        AuditEvent success = AuditEventMapper.toAuditEvent(record(action, "SUCCESS", "roles=[CLINICIAN]", "10.1.2.3"));
        AuditEvent failure = AuditEventMapper.toAuditEvent(record(action, "FAILURE", "INVALID_CREDENTIALS", "-"));
        assertEquals(List.of(), errors(success), () -> context.newJsonParser().encodeResourceToString(success));
        assertEquals(List.of(), errors(failure), () -> context.newJsonParser().encodeResourceToString(failure));
    }

    @Test
    void theValidatorDoesCatchAnIncompleteEvent() {
        // guards the test above: an AuditEvent without type, recorded time, agent and source is invalid
        assertTrue(errors(new AuditEvent()).size() >= 3, "the validator is really validating");
    }

    @Test
    void aFailedLoginReadsAsSuchInFhir() {
        ChainLink link = record(AuditAction.LOGIN_FAILED, "FAILURE", "LOCKED", "192.0.2.7");
        AuditEvent event = AuditEventMapper.toAuditEvent(link);
        assertEquals("110114", event.getType().getCode());
        assertEquals("110122", event.getSubtypeFirstRep().getCode());
        assertEquals("4", event.getOutcome().toCode());
        assertEquals("LOCKED", event.getOutcomeDesc());
        assertEquals("admin", event.getAgentFirstRep().getWho().getIdentifier().getValue());
        assertEquals("192.0.2.7", event.getAgentFirstRep().getNetwork().getAddress());
        assertEquals("clinician1", event.getEntityFirstRep().getWhat().getDisplay());
        assertEquals(link.hash(), event.getEntityFirstRep().getDetail().get(1).getValue().primitiveValue());
        assertEquals("strokescan-audit-" + link.seq(), event.getIdElement().getIdPart());
    }

    @Test
    void ndjsonLinesAreSingleLineJson() {
        String line = AuditEventMapper.toNdjsonLine(record(AuditAction.LOGOUT, "SUCCESS", "", "10.0.0.1"));
        assertTrue(line.startsWith("{\"resourceType\":\"AuditEvent\""), line);
        assertTrue(!line.contains("\n"));
        assertEquals("110123", context.newJsonParser().parseResource(AuditEvent.class, line).getSubtypeFirstRep().getCode());
    }
}
