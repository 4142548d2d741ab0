package org.strokescan.pacs.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJBException;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.strokescan.examination.boundary.DepartmentStudies;
import org.strokescan.examination.boundary.ExaminationException;
import org.strokescan.inference.boundary.ModelNotReadyException;
import org.strokescan.pacs.control.PacsRepository;
import org.strokescan.pacs.control.SeriesChoice;
import org.strokescan.pacs.entity.IncomingStudy;
import org.strokescan.pacs.entity.IntakeState;
import org.strokescan.platform.ClusterNode;

/**
 * Classifies one complete study from the PACS: the series {@link SeriesChoice} picks, slice by slice in anatomical
 * order, each slice in its own transaction that also drops its bytes (so a node that stops half way leaves nothing
 * classified twice), then the verdict is declared complete. Runs on the intake's worker, with no caller: not
 * reachable from any page or resource.
 */
@Stateless
@PermitAll
public class StudyClassification {

    private static final Logger LOG = Logger.getLogger(StudyClassification.class.getName());

    @Inject
    PacsRepository repository;

    @Inject
    DepartmentStudies studies;

    @Inject
    @ConfigProperty(name = "strokescan.pacs.slice-thickness-mm")
    double preferredThickness;

    @Inject
    ClusterNode node;

    @Resource
    SessionContext context;

    /** Takes the study if it is still due; committed before the worker starts on it. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean claim(String examinationId, Instant quietSince) {
        return repository.claim(examinationId, quietSince, node.name(), Instant.now());
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public List<String> due(Instant quietSince, int max) {
        return repository.due(quietSince, max);
    }

    /** At start: the studies this node was classifying when it stopped. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int requeueInterrupted() {
        return repository.requeueInterrupted(node.name());
    }

    /** This node still has these studies in hand (queued for a worker or being classified). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void renew(Set<String> examinationIds) {
        examinationIds.forEach(id -> repository.renew(id, node.name(), Instant.now()));
    }

    /** Studies of a node that stopped showing progress before {@code before}. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int requeueAbandoned(Instant before) {
        return repository.requeueAbandoned(before);
    }

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void classify(String examinationId, Instant quietSince) {
        try {
            classifyHeld(examinationId, quietSince);
        } catch (ClaimLost e) {
            LOG.warning("event=pacs.claim-lost examination=" + examinationId + " node=" + node.name());
        }
    }

    private void classifyHeld(String examinationId, Instant quietSince) {
        StudyClassification self = context.getBusinessObject(StudyClassification.class);
        SeriesChoice.Choice choice = self.choose(examinationId);
        List<String> problems = new ArrayList<>();
        choice.skipped().forEach(s -> problems.add(s.sopInstanceUid() + ": " + s.reason()));
        try {
            for (String sop : choice.ordered()) {
                try {
                    self.classifySlice(examinationId, sop);
                } catch (EJBException e) {
                    // one slice that fails unexpectedly must not cost the study its verdict
                    LOG.log(Level.WARNING, "event=pacs.slice-failed examination=" + examinationId + " sop=" + sop, e);
                    problems.add(sop + ": could not be classified (" + e.getMessage() + ")");
                }
            }
        } catch (ModelNotReadyException e) {
            LOG.warning("event=pacs.model-not-ready examination=" + examinationId + " " + e.getMessage());
            self.retryLater(examinationId, "the model was not ready: " + e.getMessage());
            return;
        } catch (ExaminationException e) {
            problems.add(e.getMessage()); // signed meanwhile, or full: what was classified stands
        }
        String note = (choice.why() + (problems.isEmpty() ? "" : "; " + problems.size() + " not classified: "
                + String.join("; ", problems)));
        self.finish(examinationId, choice.series(), note, quietSince);
        LOG.info("event=pacs.study-classified examination=" + examinationId + " " + choice.why());
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public SeriesChoice.Choice choose(String examinationId) {
        return SeriesChoice.choose(repository.summaries(examinationId), preferredThickness);
    }

    /**
     * One slice, with dropping its bytes in the same transaction: classified exactly once. It renews this node's
     * claim on the study, which shows the other nodes that its node is alive; a node that lost the claim meanwhile
     * (the study went back to waiting, another node may be classifying it) undoes the slice ({@link ClaimLost}).
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void classifySlice(String examinationId, String sopInstanceUid) {
        Optional<byte[]> content = repository.content(sopInstanceUid);
        // empty: classified before this node stopped, or a study classified again after late instances
        if (content.isPresent()) {
            studies.addSlice(examinationId, content.get(), sopInstanceUid);
            repository.release(sopInstanceUid);
        }
        // last: the study's row stays locked only until this transaction commits, not while the slice is classified;
        // a node taking the study over waits on that lock, so it sees either this slice done or the claim gone
        if (!repository.renew(examinationId, node.name(), Instant.now())) {
            throw new ClaimLost(examinationId, node.name());
        }
    }

    /** The verdict is complete; nothing is done when this node no longer holds the study (its new holder finishes). */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void finish(String examinationId, Optional<String> series, String note, Instant quietSince) {
        held(examinationId).ifPresentOrElse(study -> {
            studies.classified(examinationId, series.orElse(null), note);
            study.classified(quietSince, note);
            repository.releaseStudy(examinationId, quietSince);
        }, () -> LOG.warning("event=pacs.claim-lost examination=" + examinationId + " node=" + node.name()));
    }

    /** The study waits another quiet period; nothing is done when this node no longer holds it. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void retryLater(String examinationId, String why) {
        held(examinationId).ifPresent(study -> study.retryLater(Instant.now(), why));
    }

    /** The study, row-locked, if this node still holds it. */
    private Optional<IncomingStudy> held(String examinationId) {
        return repository.incoming(examinationId)
                .filter(study -> study.state() == IntakeState.CLASSIFYING && node.name().equals(study.claimedBy()));
    }
}
