package org.strokescan.fhir.control;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.util.Date;
import java.util.Map;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentNetworkType;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.strokescan.audit.entity.ChainLink;

/**
 * One audit record as a FHIR R4 {@code AuditEvent}, shaped after IHE Basic Audit Log Patterns: DICOM event
 * types, the user as requesting agent with their network address, StrokeScan as source, and the account or
 * trail concerned as entity, carrying the record's sequence number and chain hash so the export can be tied
 * back to the tamper-evident trail. Pure mapping, no I/O.
 */
public final class AuditEventMapper {

    static final String DCM = "http://dicom.nema.org/resources/ontology/DCM";
    static final String ACTION_SYSTEM = "urn:strokescan:audit-action";
    static final String USER_SYSTEM = "urn:strokescan:user";

    private record Kind(String code, String display, String subtypeCode, String subtypeDisplay, AuditEventAction action) {
    }

    private static final Kind AUTHENTICATION = new Kind("110114", "User Authentication", "110122", "Login", AuditEventAction.E);
    private static final Map<String, Kind> KINDS = Map.ofEntries(
            Map.entry("LOGIN_SUCCEEDED", AUTHENTICATION),
            Map.entry("LOGIN_FAILED", AUTHENTICATION),
            Map.entry("ACCOUNT_LOCKED", AUTHENTICATION),
            Map.entry("LOGOUT", new Kind("110114", "User Authentication", "110123", "Logout", AuditEventAction.E)),
            Map.entry("SESSION_ENDED", new Kind("110114", "User Authentication", "110123", "Logout", AuditEventAction.E)),
            Map.entry("ACCOUNTS_SEEDED", attributes(AuditEventAction.C)),
            Map.entry("ACCOUNT_CREATED", attributes(AuditEventAction.C)),
            Map.entry("ACCOUNT_ENABLED", attributes(AuditEventAction.U)),
            Map.entry("ACCOUNT_DISABLED", attributes(AuditEventAction.U)),
            Map.entry("ACCOUNT_UNLOCKED", attributes(AuditEventAction.U)),
            Map.entry("PASSWORD_RESET", attributes(AuditEventAction.U)),
            Map.entry("PASSWORD_CHANGED", attributes(AuditEventAction.U)),
            Map.entry("ROLES_ASSIGNED", new Kind("110136", "Security Roles Changed", null, null, AuditEventAction.U)),
            Map.entry("AUDIT_VERIFIED", new Kind("110101", "Audit Log Used", null, null, AuditEventAction.E)),
            Map.entry("AUDIT_EXPORTED", new Kind("110101", "Audit Log Used", null, null, AuditEventAction.R)),
            Map.entry("PREDICTION_MADE", new Kind("110110", "Patient Record", null, null, AuditEventAction.C)),
            Map.entry("IMAGE_REJECTED", new Kind("110110", "Patient Record", null, null, AuditEventAction.C)),
            Map.entry("PREDICTION_VIEWED", new Kind("110110", "Patient Record", null, null, AuditEventAction.R)),
            Map.entry("EXAMINATION_CREATED", new Kind("110110", "Patient Record", null, null, AuditEventAction.C)),
            Map.entry("EXAMINATION_VIEWED", new Kind("110110", "Patient Record", null, null, AuditEventAction.R)),
            Map.entry("EXAMINATION_SIGNED", new Kind("110110", "Patient Record", null, null, AuditEventAction.U)),
            Map.entry("EXAMINATION_AMENDED", new Kind("110110", "Patient Record", null, null, AuditEventAction.U)),
            Map.entry("REPORT_QUEUED", new Kind("110110", "Patient Record", null, null, AuditEventAction.C)),
            Map.entry("REPORT_SENT", new Kind("110106", "Export", null, null, AuditEventAction.R)),
            Map.entry("REPORT_FAILED", new Kind("110106", "Export", null, null, AuditEventAction.R)),
            Map.entry("DELIVERY_RETRIED", new Kind("110110", "Patient Record", null, null, AuditEventAction.U)),
            Map.entry("DELIVERY_CANCELLED", new Kind("110110", "Patient Record", null, null, AuditEventAction.U)),
            Map.entry("IMAGE_VIEWED", new Kind("110110", "Patient Record", null, null, AuditEventAction.R)),
            Map.entry("HEATMAP_VIEWED", new Kind("110110", "Patient Record", null, null, AuditEventAction.R)),
            Map.entry("PREDICTIONS_LISTED", new Kind("110112", "Query", null, null, AuditEventAction.E)),
            Map.entry("DELIVERIES_LISTED", new Kind("110112", "Query", null, null, AuditEventAction.E)),
            Map.entry("ACCESS_DENIED", new Kind("110113", "Security Alert", null, null, AuditEventAction.E)),
            Map.entry("SIGN_IN_SLOWED", AUTHENTICATION),
            Map.entry("SIGN_INS_THROTTLED", new Kind("110113", "Security Alert", null, null, AuditEventAction.E)),
            Map.entry("SIGN_IN_ALERT", new Kind("110113", "Security Alert", null, null, AuditEventAction.E)),
            Map.entry("CHECKPOINTS_EXPORTED", new Kind("110101", "Audit Log Used", null, null, AuditEventAction.R)),
            Map.entry("DICOM_RECEIVED", new Kind("110107", "Import", null, null, AuditEventAction.C)),
            Map.entry("STUDY_CLASSIFIED", new Kind("110110", "Patient Record", null, null, AuditEventAction.C)),
            Map.entry("WORKLIST_VIEWED", new Kind("110112", "Query", null, null, AuditEventAction.E)));
    private static final Kind APPLICATION_ACTIVITY = new Kind("110100", "Application Activity", null, null, AuditEventAction.E);

    private AuditEventMapper() {
    }

    private static Kind attributes(AuditEventAction action) {
        return new Kind("110137", "User Security Attributes Changed", null, null, action);
    }

    public static AuditEvent toAuditEvent(ChainLink link) {
        Kind kind = KINDS.getOrDefault(link.action(), APPLICATION_ACTIVITY);
        AuditEvent event = new AuditEvent();
        event.setId("strokescan-audit-" + link.seq());
        event.setType(new Coding(DCM, kind.code(), kind.display()));
        if (kind.subtypeCode() != null) {
            event.addSubtype(new Coding(DCM, kind.subtypeCode(), kind.subtypeDisplay()));
        }
        event.addSubtype(new Coding(ACTION_SYSTEM, link.action(), null));
        event.setAction(kind.action());
        event.setRecorded(Date.from(link.occurredAt()));
        boolean success = "SUCCESS".equals(link.outcome());
        event.setOutcome(success ? AuditEventOutcome._0 : AuditEventOutcome._4);
        if (!success && !link.detail().isEmpty()) {
            event.setOutcomeDesc(link.detail());
        }

        AuditEventAgentComponent agent = event.addAgent();
        agent.setWho(new Reference().setIdentifier(new Identifier().setSystem(USER_SYSTEM).setValue(link.actor()))
                .setDisplay(link.actor()));
        agent.setRequestor(true);
        for (String role : link.actorRoles().split(",")) {
            if (!role.isBlank()) {
                agent.addRole(new CodeableConcept().setText(role));
            }
        }
        if (!"-".equals(link.remoteAddress())) {
            agent.getNetwork().setAddress(link.remoteAddress()).setType(AuditEventAgentNetworkType._2);
        }

        event.getSource().setSite("StrokeScan")
                .setObserver(new Reference().setDisplay("StrokeScan"))
                .addType(new Coding("http://terminology.hl7.org/CodeSystem/security-source-type", "4", "Application Server"));

        AuditEventEntityComponent entity = event.addEntity();
        entity.setWhat(new Reference().setDisplay(link.subject()));
        entity.setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "2", "System Object"));
        if (!link.detail().isEmpty()) {
            entity.setDescription(link.detail());
        }
        entity.addDetail().setType("strokescan-audit-seq").setValue(new StringType(Long.toString(link.seq())));
        entity.addDetail().setType("strokescan-audit-hash").setValue(new StringType(link.hash()));
        return event;
    }

    /** One resource per line, as FHIR bulk data (NDJSON) expects. */
    public static String toNdjsonLine(ChainLink link) {
        return parser().encodeResourceToString(toAuditEvent(link));
    }

    private static IParser parser() {
        return FhirContext.forR4Cached().newJsonParser().setPrettyPrint(false);
    }
}
