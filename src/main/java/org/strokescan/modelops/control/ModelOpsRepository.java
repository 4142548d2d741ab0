package org.strokescan.modelops.control;

import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.strokescan.modelops.entity.ModelActivation;
import org.strokescan.modelops.entity.ModelChangeRequest;
import org.strokescan.modelops.entity.ModelSlot;
import org.strokescan.modelops.entity.RequestState;
import org.strokescan.modelops.entity.ShadowPrediction;

/** The activation history, change requests and shadow results. */
@Dependent
public class ModelOpsRepository {

    @PersistenceContext
    EntityManager em;

    /** The newest change of a slot: what every node holds now. */
    public Optional<ModelActivation> current(ModelSlot slot) {
        return em.createQuery("select a from ModelActivation a where a.slot = :slot order by a.changedAt desc, a.id",
                        ModelActivation.class)
                .setParameter("slot", slot).setMaxResults(1).getResultStream().findFirst();
    }

    /** Changes of one slot, newest first. */
    public List<ModelActivation> history(ModelSlot slot, int max) {
        return em.createQuery("select a from ModelActivation a where a.slot = :slot order by a.changedAt desc, a.id",
                ModelActivation.class).setParameter("slot", slot).setMaxResults(max).getResultList();
    }

    /** Changes of both slots, newest first. */
    public List<ModelActivation> history(int max) {
        return em.createQuery("select a from ModelActivation a order by a.changedAt desc, a.id", ModelActivation.class)
                .setMaxResults(max).getResultList();
    }

    /** Whether {@code modelId} was ever made active by an approved request. */
    public boolean wasActive(String modelId) {
        return !em.createQuery("select a.id from ModelActivation a where a.slot = :slot and a.modelId = :model",
                        String.class)
                .setParameter("slot", ModelSlot.ACTIVE).setParameter("model", modelId).setMaxResults(1)
                .getResultList().isEmpty();
    }

    public List<ModelChangeRequest> requests(int max) {
        return em.createQuery("select r from ModelChangeRequest r order by r.requestedAt desc, r.id",
                ModelChangeRequest.class).setMaxResults(max).getResultList();
    }

    public List<ModelChangeRequest> pending() {
        return em.createQuery("select r from ModelChangeRequest r where r.state = :state order by r.requestedAt",
                ModelChangeRequest.class).setParameter("state", RequestState.PENDING).getResultList();
    }

    /** The request, locked until the transaction ends: two administrators deciding it at once decide in turn. */
    public Optional<ModelChangeRequest> requestForDecision(String id) {
        return Optional.ofNullable(id).map(i -> em.find(ModelChangeRequest.class, i, LockModeType.PESSIMISTIC_WRITE));
    }

    /** The shadow's results created in [from, to), oldest first, at most {@code max}. */
    public List<ShadowPrediction> shadowResults(Instant from, Instant to, int max) {
        return em.createQuery("select s from ShadowPrediction s where s.createdAt >= :from and s.createdAt < :to"
                        + " order by s.createdAt, s.id", ShadowPrediction.class)
                .setParameter("from", from).setParameter("to", to).setMaxResults(max).getResultList();
    }

    public void persist(Object entity) {
        em.persist(entity);
    }
}
