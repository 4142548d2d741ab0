package org.strokescan.cds.boundary;

import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.strokescan.cds.control.CdsRepository;
import org.strokescan.cds.entity.SeenToken;

/**
 * Accepts each EHR token once. The token is marked used in a transaction of its own, committed before the call's
 * work: a copy arriving at the same moment on this or another node fails on the table's key, and a call that fails
 * later does not make its token usable again.
 */
@Stateless
public class ReplayGuard {

    @Inject
    CdsRepository repository;

    /** @return false when the token was used before */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean firstUse(String tokenId, Instant expiresAt) {
        if (repository.seen(tokenId)) {
            return false;
        }
        repository.persist(new SeenToken(tokenId, expiresAt));
        return true;
    }

    /** An expired token is refused as expired; its record is no longer needed. */
    @Schedule(hour = "*", minute = "*/10", persistent = false)
    public void forgetExpired() {
        repository.forgetExpiredTokens(Instant.now().minus(Duration.ofMinutes(5)));
    }
}
