package org.strokescan.cds.control;

import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.strokescan.cds.entity.CardFeedback;
import org.strokescan.cds.entity.FeedbackOutcome;
import org.strokescan.cds.entity.FeedbackSummary;
import org.strokescan.cds.entity.IssuedCard;
import org.strokescan.cds.entity.SeenToken;

/** Cards issued to EHRs, their feedback, and the EHR tokens already seen. */
@Dependent
public class CdsRepository {

    @PersistenceContext
    EntityManager em;

    public void persist(Object entity) {
        em.persist(entity);
    }

    public Optional<IssuedCard> card(String uuid) {
        return Optional.ofNullable(em.find(IssuedCard.class, uuid));
    }

    public Optional<IssuedCard> cardByLaunchToken(String tokenSha256) {
        return em.createQuery("select c from IssuedCard c where c.launchTokenSha256 = :hash", IssuedCard.class)
                .setParameter("hash", tokenSha256).getResultStream().findFirst();
    }

    public boolean feedbackExists(String cardUuid, FeedbackOutcome outcome, Instant outcomeAt) {
        return !em.createQuery("select f.id from CardFeedback f where f.cardUuid = :card and f.outcome = :outcome"
                        + " and f.outcomeAt = :at", String.class)
                .setParameter("card", cardUuid).setParameter("outcome", outcome).setParameter("at", outcomeAt)
                .setMaxResults(1).getResultList().isEmpty();
    }

    public boolean seen(String tokenId) {
        return em.find(SeenToken.class, tokenId) != null;
    }

    /** Forgets tokens that have expired: they would be refused as expired anyway. */
    public int forgetExpiredTokens(Instant now) {
        return em.createQuery("delete from SeenToken t where t.expiresAt < :now").setParameter("now", now)
                .executeUpdate();
    }

    /** Cards issued and the feedback received on them in [from, to), for auditors. */
    public FeedbackSummary summary(Instant from, Instant to) {
        long cards = em.createQuery("select count(c) from IssuedCard c where c.issuedAt >= :from and c.issuedAt < :to",
                Long.class).setParameter("from", from).setParameter("to", to).getSingleResult();
        List<CardFeedback> feedback = em.createQuery("select f from CardFeedback f where f.receivedAt >= :from"
                        + " and f.receivedAt < :to order by f.receivedAt", CardFeedback.class)
                .setParameter("from", from).setParameter("to", to).getResultList();
        Map<String, Long> reasons = new LinkedHashMap<>();
        long accepted = 0;
        for (CardFeedback f : feedback) {
            if (f.outcome() == FeedbackOutcome.ACCEPTED) {
                accepted++;
            } else {
                String reason = f.overrideDisplay() != null ? f.overrideDisplay()
                        : f.overrideCode() != null ? f.overrideCode() : "no reason given";
                reasons.merge(reason, 1L, Long::sum);
            }
        }
        return new FeedbackSummary(cards, accepted, feedback.size() - accepted, reasons);
    }
}
