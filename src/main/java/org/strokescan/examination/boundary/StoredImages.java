package org.strokescan.examination.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.strokescan.examination.entity.StoredImage;

/**
 * Content-addressed image storage. Each image is written in its own short transaction, so two uploads of the
 * same file at the same moment cannot fail each other's prediction: the loser's insert fails, and the image it
 * wanted is there. Called only by {@link PredictionRecorder}, inside a boundary that checked its caller (a clinician's
 * upload) or acts for the PACS intake's worker, which has none.
 */
@Stateless
@PermitAll
public class StoredImages {

    @PersistenceContext
    EntityManager em;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void storeIfAbsent(StoredImage image) {
        // asks for the key only: em.find would read the stored file back just to learn that it exists
        boolean stored = !em.createQuery("select i.sha256 from StoredImage i where i.sha256 = :sha256", String.class)
                .setParameter("sha256", image.sha256()).getResultList().isEmpty();
        if (!stored) {
            em.persist(image);
            em.flush();
        }
    }
}
