package org.strokescan.fhir.control;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.client.interceptor.BasicAuthInterceptor;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.time.Duration;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Sends a transaction bundle to the EHR's FHIR endpoint with HAPI's client: bounded connect and read times,
 * optional HTTP Basic or bearer authentication. Says whether a failure is worth retrying.
 */
public final class EhrClient {

    /** A delivery that did not get through; {@code retryable} is false when the EHR refused the content itself. */
    public static final class DeliveryFailure extends Exception {

        private static final long serialVersionUID = 1L;
        private final boolean retryable;

        DeliveryFailure(String message, boolean retryable, Throwable cause) {
            super(message, cause);
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }

    private final FhirContext context;
    private final IGenericClient client;

    /** @param auth {@code none}, {@code basic} (user and secret) or {@code bearer} (secret is the token) */
    public EhrClient(String baseUrl, Duration connectTimeout, Duration readTimeout, String auth, String user,
                     String secret) {
        // a context of our own: the client settings below are per context
        context = FhirContext.forR4();
        context.getRestfulClientFactory().setConnectTimeout((int) connectTimeout.toMillis());
        context.getRestfulClientFactory().setConnectionRequestTimeout((int) connectTimeout.toMillis());
        context.getRestfulClientFactory().setSocketTimeout((int) readTimeout.toMillis());
        context.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        client = context.newRestfulGenericClient(baseUrl);
        switch (auth) {
            case "none" -> { }
            case "basic" -> client.registerInterceptor(new BasicAuthInterceptor(user, secret));
            case "bearer" -> client.registerInterceptor(new BearerTokenAuthInterceptor(secret));
            default -> throw new IllegalArgumentException("strokescan.fhir.auth must be none, basic or bearer, not " + auth);
        }
    }

    /** @return where the EHR stored the resources, as it answered (e.g. "DiagnosticReport/17/_history/2 ...") */
    public String send(String bundleJson) throws DeliveryFailure {
        Bundle bundle = context.newJsonParser().parseResource(Bundle.class, bundleJson);
        try {
            Bundle response = client.transaction().withBundle(bundle).execute();
            return response.getEntry().stream().map(e -> e.getResponse().getLocation())
                    .filter(location -> location != null && !location.isBlank())
                    .collect(Collectors.joining(" "));
        } catch (FhirClientConnectionException e) {
            throw new DeliveryFailure("EHR not reachable: " + rootMessage(e), true, e);
        } catch (BaseServerResponseException e) {
            int status = e.getStatusCode();
            boolean retryable = status >= 500 || status == 408 || status == 429;
            throw new DeliveryFailure("EHR answered HTTP " + status + ": " + e.getMessage(), retryable, e);
        } catch (RuntimeException e) {
            throw new DeliveryFailure("delivery failed: " + rootMessage(e), true, e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
