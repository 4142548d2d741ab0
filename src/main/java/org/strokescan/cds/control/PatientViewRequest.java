package org.strokescan.cds.control;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A {@code patient-view} call as the EHR sent it (CDS Hooks 2.0): the hook instance, the patient in context, the
 * prefetched Patient if the EHR sent one, and the EHR's FHIR server with its access token if it offered them.
 *
 * @param prefetchedPatient the Patient resource as JSON, empty when not prefetched
 */
public record PatientViewRequest(String hookInstance, String patientId, String userId, Optional<String> fhirServer,
                                 Optional<String> accessToken, Optional<String> prefetchedPatient) {

    /** A FHIR logical id: it becomes part of a URL on the EHR's server. */
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    /** A field of the wrong JSON type, named so the caller can fix it. */
    private static final class WrongType extends RuntimeException {

        private static final long serialVersionUID = 1L;

        WrongType(String message) {
            super(message, null, false, false);
        }
    }

    /** @throws HookRefused (400) saying what is wrong with the request */
    public static PatientViewRequest parse(String body) throws HookRefused {
        try {
            return read(body);
        } catch (WrongType e) {
            throw HookRefused.request(e.getMessage());
        }
    }

    private static PatientViewRequest read(String body) throws HookRefused {
        JsonObject request;
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            request = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw HookRefused.request("The request body is not a JSON object.");
        }
        if (!"patient-view".equals(text(request, "hook"))) {
            throw HookRefused.request("This service answers the patient-view hook; \"hook\" must be \"patient-view\".");
        }
        String hookInstance = text(request, "hookInstance");
        if (hookInstance == null || hookInstance.isBlank()) {
            throw HookRefused.request("\"hookInstance\" is required.");
        }
        JsonObject context = object(request, "context")
                .orElseThrow(() -> HookRefused.request("\"context\" is required."));
        String patientId = text(context, "patientId");
        if (patientId == null || !FHIR_ID.matcher(patientId).matches()) {
            throw HookRefused.request("\"context.patientId\" is required and must be a FHIR id.");
        }
        Optional<String> fhirServer = Optional.ofNullable(text(request, "fhirServer"));
        Optional<JsonObject> authorization = object(request, "fhirAuthorization");
        Optional<String> accessToken = authorization.map(a -> text(a, "access_token"));
        if (authorization.isPresent() && accessToken.isEmpty()) {
            throw HookRefused.request("\"fhirAuthorization.access_token\" is required when fhirAuthorization is sent.");
        }
        Optional<String> patient = object(request, "prefetch").flatMap(p -> object(p, "patient"))
                .map(JsonValue::toString);
        return new PatientViewRequest(hookInstance, patientId, text(context, "userId"), fhirServer, accessToken,
                patient);
    }

    private static String text(JsonObject object, String name) {
        JsonValue value = object.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw new WrongType("\"" + name + "\" must be a string.");
        }
        return object.getString(name);
    }

    private static Optional<JsonObject> object(JsonObject object, String name) {
        JsonValue value = object.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new WrongType("\"" + name + "\" must be an object.");
        }
        return Optional.of(value.asJsonObject());
    }
}
