package org.strokescan.it;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Transaction;
import ca.uhn.fhir.rest.annotation.TransactionParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The EHR in the delivery tests: HAPI's own {@link RestfulServer} on an embedded Jetty, in the test JVM, keeping
 * resources in memory. It processes transaction bundles the way a FHIR server must for our bundles: conditional
 * create ({@code ifNoneExist}) and conditional update ({@code PUT Type?identifier=...}) on identifiers, updates
 * by id, and {@code urn:uuid} references rewritten to the ids it assigned. It can be told to misbehave for its
 * next transactions about a patient, and be stopped and started like an EHR that goes down.
 */
public final class TestEhr {

    public enum Fault {
        /** HTTP 500 */
        SERVER_ERROR,
        /** answers after 3 s, longer than the client waits; the transaction is still carried out */
        SLOW,
        /** HTTP 422: the EHR refuses the content */
        REJECT
    }

    private final int port;
    private final FhirContext context = FhirContext.forR4Cached();
    private final Map<String, Map<String, Resource>> store = new HashMap<>();
    /** Faults for the next transactions about a patient (by MRN), so other reports in flight are not affected. */
    private final Map<String, ConcurrentLinkedDeque<Fault>> faults = new ConcurrentHashMap<>();
    private final AtomicInteger transactions = new AtomicInteger();
    private final AtomicInteger unchangedUpdates = new AtomicInteger();
    private final AtomicInteger nextId = new AtomicInteger(1);
    /** Every request that reached the server, with its Authorization header (CdsHooksIT checks the bearer token). */
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private Server jetty;

    /** A request as it reached the server: method, path (no query) and {@code Authorization} header (or null). */
    public record Received(String method, String path, String authorization) {
    }

    public TestEhr(int port) {
        this.port = port;
    }

    /** The port the server under test sends its reports to (failsafe sets it for both sides). */
    static int testPort() {
        return Integer.parseInt(System.getenv().getOrDefault("STROKESCAN_TEST_EHR_PORT", "18779"));
    }

    public synchronized void start() throws Exception {
        RestfulServer servlet = new RestfulServer(context);
        servlet.setResourceProviders(List.of(new Store<>(Patient.class), new Store<>(Device.class),
                new Store<>(Observation.class), new Store<>(DiagnosticReport.class), new Store<>(Provenance.class)));
        servlet.registerProvider(new Transactions());
        jetty = new Server(port);
        ServletContextHandler handler = new ServletContextHandler("/");
        handler.addServlet(new ServletHolder(servlet), "/fhir/*");
        // only records what arrives; the request goes on unchanged
        handler.addFilter(new FilterHolder((request, response, chain) -> {
            HttpServletRequest http = (HttpServletRequest) request;
            received.add(new Received(http.getMethod(), http.getRequestURI(), http.getHeader("Authorization")));
            chain.doFilter(request, response);
        }), "/*", EnumSet.of(DispatcherType.REQUEST));
        jetty.setHandler(handler);
        jetty.start();
    }

    public synchronized void stop() throws Exception {
        if (jetty != null) {
            jetty.stop();
            jetty = null;
        }
    }

    /** The next transactions about this patient fail in these ways, one each, in order. */
    public void misbehave(String mrn, Fault... next) {
        faults.computeIfAbsent(mrn, m -> new ConcurrentLinkedDeque<>()).addAll(List.of(next));
    }

    /** Transactions received, the failed ones included. */
    public int transactions() {
        return transactions.get();
    }

    /**
     * Updates that wrote nothing because the resource was already stored with exactly this content (a resend): like
     * HAPI FHIR's JPA server, which suppresses updates with no change, no new version is made.
     */
    public int unchangedUpdates() {
        return unchangedUpdates.get();
    }

    /** The requests received so far, oldest first. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Stores a Patient as the EHR's own (not through a transaction); returns the id it is read by. */
    public synchronized String addPatient(Patient patient) {
        String id = String.valueOf(nextId.getAndIncrement());
        patient.setId(new IdType("Patient", id, "1"));
        patient.getMeta().setVersionId("1");
        store.computeIfAbsent("Patient", t -> new LinkedHashMap<>()).put(id, patient);
        return id;
    }

    public synchronized <T extends Resource> List<T> find(Class<T> type, String system, String value) {
        return all(type).stream().filter(r -> identifiers(r).stream()
                .anyMatch(i -> system.equals(i.getSystem()) && value.equals(i.getValue()))).toList();
    }

    public synchronized <T extends Resource> List<T> all(Class<T> type) {
        return store.getOrDefault(context.getResourceType(type), Map.of()).values().stream().map(type::cast).toList();
    }

    private Bundle process(Bundle request) {
        transactions.incrementAndGet();
        Fault fault = null;
        for (Bundle.BundleEntryComponent entry : request.getEntry()) {
            if (entry.getResource() instanceof Patient patient
                    && faults.get(patient.getIdentifierFirstRep().getValue()) instanceof ConcurrentLinkedDeque<Fault> next) {
                fault = next.poll();
            }
        }
        if (fault == Fault.SERVER_ERROR) {
            throw new InternalErrorException("test EHR: simulated failure");
        }
        if (fault == Fault.REJECT) {
            throw new UnprocessableEntityException("test EHR: simulated rejection of the content");
        }
        if (fault == Fault.SLOW) {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            Map<String, String> assigned = new LinkedHashMap<>();
            Map<Bundle.BundleEntryComponent, Boolean> writes = new LinkedHashMap<>();
            for (Bundle.BundleEntryComponent entry : request.getEntry()) {
                Resource resource = entry.getResource();
                String type = resource.fhirType();
                String url = entry.getRequest().getUrl();
                String explicitId = null;
                Resource existing = null;
                if (entry.getRequest().getMethod() == Bundle.HTTPVerb.POST && entry.getRequest().hasIfNoneExist()) {
                    existing = byIdentifierQuery(type, entry.getRequest().getIfNoneExist());
                } else if (url.contains("?")) {
                    existing = byIdentifierQuery(type, url.substring(url.indexOf('?') + 1));
                } else if (url.contains("/")) {
                    explicitId = url.substring(url.indexOf('/') + 1);
                    existing = store.getOrDefault(type, Map.of()).get(explicitId);
                }
                // a resource's own id in a transaction is its temporary urn:uuid: never keep it
                String id = existing != null ? existing.getIdElement().getIdPart()
                        : explicitId != null ? explicitId : String.valueOf(nextId.getAndIncrement());
                assigned.put(entry.getFullUrl(), type + "/" + id);
                resource.setId(type + "/" + id);
                // a conditional create that found its match writes nothing
                writes.put(entry, !(entry.getRequest().getMethod() == Bundle.HTTPVerb.POST && existing != null));
            }
            Bundle response = new Bundle().setType(Bundle.BundleType.TRANSACTIONRESPONSE);
            writes.forEach((entry, write) -> {
                Resource resource = entry.getResource();
                for (Reference reference : context.newTerser().getAllPopulatedChildElementsOfType(resource, Reference.class)) {
                    if (reference.hasReference() && assigned.containsKey(reference.getReference())) {
                        reference.setReference(assigned.get(reference.getReference()));
                    }
                }
                Map<String, Resource> ofType = store.computeIfAbsent(resource.fhirType(), t -> new LinkedHashMap<>());
                String id = resource.getIdElement().getIdPart();
                Resource previous = ofType.get(id);
                if (write && previous != null && sameContent(previous, resource)) {
                    write = false;
                    unchangedUpdates.incrementAndGet();
                }
                int version = previous == null ? 1 : Integer.parseInt(previous.getMeta().getVersionId()) + (write ? 1 : 0);
                if (write) {
                    resource.setId(new IdType(resource.fhirType(), id, String.valueOf(version)));
                    resource.getMeta().setVersionId(String.valueOf(version));
                    ofType.put(id, resource);
                }
                response.addEntry().getResponse().setStatus(write ? (version == 1 ? "201 Created" : "200 OK") : "200 OK")
                        .setLocation(resource.fhirType() + "/" + id + "/_history/" + version);
            });
            return response;
        }
    }

    private static boolean sameContent(Resource stored, Resource sent) {
        Resource a = stored.copy();
        Resource b = sent.copy();
        a.setMeta(null);
        b.setMeta(null);
        a.setIdElement(null);
        b.setIdElement(null);
        return a.equalsDeep(b);
    }

    private Resource byIdentifierQuery(String type, String query) {
        String token = query.substring(query.indexOf('=') + 1);
        String system = token.substring(0, token.indexOf('|'));
        String value = token.substring(token.indexOf('|') + 1);
        return store.getOrDefault(type, Map.of()).values().stream().filter(r -> identifiers(r).stream()
                .anyMatch(i -> system.equals(i.getSystem()) && value.equals(i.getValue()))).findFirst().orElse(null);
    }

    @SuppressWarnings("unchecked")
    private List<Identifier> identifiers(Resource resource) {
        return resource.getNamedProperty("identifier") == null ? List.of()
                : (List<Identifier>) (List<?>) resource.getNamedProperty("identifier").getValues();
    }

    /** The transaction endpoint ({@code POST [base]}). */
    public final class Transactions {
        @Transaction
        public Bundle transaction(@TransactionParam Bundle bundle) {
            return process(bundle);
        }
    }

    /** Read and search by identifier for one resource type, so tests can read back what was stored. */
    public final class Store<T extends Resource> implements IResourceProvider {
        private final Class<T> type;

        Store(Class<T> type) {
            this.type = type;
        }

        @Override
        public Class<T> getResourceType() {
            return type;
        }

        @Read
        public T read(@IdParam IdType id) {
            synchronized (TestEhr.this) {
                Resource found = store.getOrDefault(context.getResourceType(type), Map.of()).get(id.getIdPart());
                if (found == null) {
                    throw new ResourceNotFoundException(id);
                }
                return type.cast(found);
            }
        }

        @Search
        public List<T> search(@RequiredParam(name = "identifier") TokenParam identifier) {
            return find(type, identifier.getSystem(), identifier.getValue());
        }
    }
}
