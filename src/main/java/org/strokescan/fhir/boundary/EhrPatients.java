package org.strokescan.fhir.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.strokescan.fhir.control.PatientLookup;

/**
 * A patient's MRN from the EHR's FHIR Patient, for components that meet the EHR's patients (the EHR hooks). HAPI
 * stays here; callers hand over JSON or a FHIR base URL they have checked, and get our MRN back. No role: the caller
 * is a boundary that has verified who asks.
 */
@ApplicationScoped
public class EhrPatients {

    /** The EHR's FHIR server could not be read; the message says why, without patient data. */
    public static final class Unreadable extends Exception {

        private static final long serialVersionUID = 1L;

        Unreadable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Inject
    EhrSettings settings;

    private PatientLookup lookup;

    /**
     * The MRN in a FHIR Patient given as JSON; empty when it carries no identifier in the hospital's MRN system.
     *
     * @throws IllegalArgumentException when the JSON is not a FHIR Patient
     */
    public Optional<String> mrnIn(String patientJson) {
        return lookup().identifierIn(patientJson, settings.patientIdentifierSystem());
    }

    /**
     * Reads the Patient from the FHIR server with the bearer token; empty when it has no such patient or no MRN.
     *
     * @throws Unreadable when the server cannot be read
     */
    public Optional<String> readMrn(String fhirBase, String patientId, String bearerToken) throws Unreadable {
        try {
            return lookup().read(fhirBase, patientId, bearerToken, settings.patientIdentifierSystem());
        } catch (PatientLookup.ReadFailure e) {
            throw new Unreadable(e.getMessage(), e);
        }
    }

    /** Made on first use: its FHIR context takes a while to build, and most servers never meet an EHR hook. */
    private synchronized PatientLookup lookup() {
        if (lookup == null) {
            lookup = new PatientLookup(settings.connectTimeout(), settings.readTimeout());
        }
        return lookup;
    }
}
