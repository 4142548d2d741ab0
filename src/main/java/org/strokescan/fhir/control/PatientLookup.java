package org.strokescan.fhir.control;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.time.Duration;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;

/**
 * Finds a patient's medical record number in an EHR's FHIR Patient: one handed to us (a CDS Hooks prefetch), or one
 * read from the EHR's FHIR server with the access token the EHR gave for it. The MRN is the identifier in the
 * hospital's system; another system's identifiers never match.
 */
public final class PatientLookup {

    /** The EHR's FHIR server could not be read; says why in words an operator can act on. */
    public static final class ReadFailure extends Exception {

        private static final long serialVersionUID = 1L;

        ReadFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final FhirContext context;

    public PatientLookup(Duration connectTimeout, Duration readTimeout) {
        // a context of our own: the client settings are per context
        context = FhirContext.forR4();
        context.getRestfulClientFactory().setConnectTimeout((int) connectTimeout.toMillis());
        context.getRestfulClientFactory().setConnectionRequestTimeout((int) connectTimeout.toMillis());
        context.getRestfulClientFactory().setSocketTimeout((int) readTimeout.toMillis());
        context.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
    }

    /** @throws IllegalArgumentException when the JSON is not a FHIR Patient */
    public Optional<String> identifierIn(String patientJson, String system) {
        IBaseResource resource;
        try {
            resource = context.newJsonParser().parseResource(patientJson);
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("not a FHIR resource: " + e.getMessage(), e);
        }
        if (!(resource instanceof Patient patient)) {
            throw new IllegalArgumentException("a " + resource.fhirType() + ", not a Patient");
        }
        return identifierOf(patient, system);
    }

    /**
     * Reads {@code Patient/<id>} from the FHIR server with the bearer token; empty when the server has no such
     * patient (404 or 410).
     */
    public Optional<String> read(String fhirBase, String patientId, String bearerToken, String system)
            throws ReadFailure {
        IGenericClient client = context.newRestfulGenericClient(fhirBase);
        if (bearerToken != null) {
            client.registerInterceptor(new BearerTokenAuthInterceptor(bearerToken));
        }
        try {
            return identifierOf(client.read().resource(Patient.class).withId(patientId).execute(), system);
        } catch (FhirClientConnectionException e) {
            // HAPI reports a connection that failed as a server answer of 500: it is no answer at all
            throw new ReadFailure("the EHR's FHIR server could not be reached", e);
        } catch (BaseServerResponseException e) {
            if (e.getStatusCode() == 404 || e.getStatusCode() == 410) {
                return Optional.empty();
            }
            throw new ReadFailure("the EHR's FHIR server answered HTTP " + e.getStatusCode(), e);
        } catch (RuntimeException e) {
            throw new ReadFailure("the EHR's FHIR server could not be read: " + e.getClass().getSimpleName(), e);
        }
    }

    private static Optional<String> identifierOf(Patient patient, String system) {
        return patient.getIdentifier().stream().filter(i -> system.equals(i.getSystem())).map(Identifier::getValue)
                .filter(value -> value != null && !value.isBlank()).findFirst();
    }
}
