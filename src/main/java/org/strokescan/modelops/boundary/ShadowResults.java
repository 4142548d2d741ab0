package org.strokescan.modelops.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import org.strokescan.inference.entity.Classification;
import org.strokescan.modelops.control.ModelOpsRepository;
import org.strokescan.modelops.entity.ShadowInput;
import org.strokescan.modelops.entity.ShadowPrediction;

/**
 * Stores the shadow's results. Called by {@link ShadowRuns} on a worker thread with no caller: it is not reachable
 * from any page or resource, and what it stores is read only by {@link ModelOperations} (administrators, auditors).
 */
@Stateless
@PermitAll
public class ShadowResults {

    @Inject
    ModelOpsRepository repository;

    public void store(ShadowInput input, String shadowModel, Classification result, long latencyNanos) {
        long micros = latencyNanos / 1000;
        Instant now = Instant.now();
        repository.persist(switch (result) {
            case Classification.Classified c -> ShadowPrediction.classified(input, c.model().toString(), c.probability(),
                    c.positive(), c.threshold(), micros, now);
            case Classification.Refused r -> ShadowPrediction.refused(input, shadowModel, r.reason().name(),
                    micros, now);
        });
    }
}
