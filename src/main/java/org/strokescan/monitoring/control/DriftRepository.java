package org.strokescan.monitoring.control;

import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import org.strokescan.monitoring.entity.DriftCheck;

/** The stored drift checks. */
@Dependent
public class DriftRepository {

    @PersistenceContext
    EntityManager em;

    public void store(DriftCheck check) {
        em.persist(check);
    }

    public Optional<DriftCheck> latest() {
        return recent(1).stream().findFirst();
    }

    /** The newest {@code max} checks, newest first. */
    public List<DriftCheck> recent(int max) {
        return em.createQuery("select c from DriftCheck c order by c.checkedAt desc", DriftCheck.class)
                .setMaxResults(max).getResultList();
    }
}
