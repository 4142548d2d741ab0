package org.strokescan.modelops.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.strokescan.audit.boundary.AuditTrail;
import org.strokescan.audit.entity.AuditAction;
import org.strokescan.audit.entity.AuditEntry;
import org.strokescan.audit.entity.AuditOutcome;
import org.strokescan.examination.boundary.ExaminationReads;
import org.strokescan.examination.entity.ExaminationRecord;
import org.strokescan.examination.entity.Verdict;
import org.strokescan.inference.boundary.ModelRefusedException;
import org.strokescan.inference.boundary.Models;
import org.strokescan.inference.entity.ModelCard;
import org.strokescan.inference.entity.ModelSource;
import org.strokescan.modelops.control.ModelOpsRepository;
import org.strokescan.modelops.control.ShadowComparer;
import org.strokescan.modelops.entity.ChangeKind;
import org.strokescan.modelops.entity.ModelActivation;
import org.strokescan.modelops.entity.ModelChangeRequest;
import org.strokescan.modelops.entity.ModelEntry;
import org.strokescan.modelops.entity.ModelSlot;
import org.strokescan.modelops.entity.ModelState;
import org.strokescan.modelops.entity.ShadowComparison;
import org.strokescan.modelops.entity.ShadowPrediction;
import org.strokescan.modelops.entity.StudyTruth;
import org.strokescan.platform.Role;

/**
 * Which models run, for administrators (who change it) and auditors (who read it). A shadow is set by one
 * administrator after the model passed verification; making a model active (promoting the shadow, or rolling back
 * to a model that was active before) is asked for by one administrator and approved by another. Every change, and
 * every refused attempt, is audited. Nothing here loads a model: every node, this one included, follows the newest
 * change within seconds ({@link ModelSelection}), so there is one way a change takes effect.
 */
@Stateless
@RolesAllowed(Role.ADMIN_NAME)
public class ModelOperations {

    /** The most shadow results one comparison reads. */
    static final int COMPARISON_MAX = 20_000;

    @Inject
    ModelOpsRepository repository;

    @Inject
    Models models;

    @Inject
    ExaminationReads examinations;

    @Inject
    AuditTrail audit;

    @Inject
    @ConfigProperty(name = "strokescan.model.active")
    String configured;

    @Resource
    SessionContext session;

    /** The model that is active now: the newest approved change, or the configured one before any. */
    @RolesAllowed({Role.ADMIN_NAME, Role.AUDITOR_NAME})
    public String active() {
        return repository.current(ModelSlot.ACTIVE).flatMap(ModelActivation::modelId).orElse(configured);
    }

    @RolesAllowed({Role.ADMIN_NAME, Role.AUDITOR_NAME})
    public Optional<String> shadow() {
        return repository.current(ModelSlot.SHADOW).flatMap(ModelActivation::modelId);
    }

    /** Every model the registry offers, each with its state; exactly one is active. */
    @RolesAllowed({Role.ADMIN_NAME, Role.AUDITOR_NAME})
    public List<ModelEntry> models() {
        String active = active();
        Optional<String> shadow = shadow();
        List<ModelEntry> entries = new ArrayList<>();
        for (ModelSource source : models.available()) {
            ModelState state = source.id().equals(active) ? ModelState.ACTIVE
                    : shadow.filter(source.id()::equals).isPresent() ? ModelState.SHADOW : ModelState.AVAILABLE;
            String[] parts = source.id().split("/", 2);
            entries.add(new ModelEntry(source.id(), parts[0], parts[1], state,
                    source.origin().name().toLowerCase(Locale.ROOT),
                    state != ModelState.ACTIVE && wasActive(source.id())));
        }
        return entries;
    }

    /** Whether a model was active before: made active by an approved change, or the configured one. */
    private boolean wasActive(String modelId) {
        return modelId.equals(configured) || repository.wasActive(modelId);
    }

    @RolesAllowed({Role.ADMIN_NAME, Role.AUDITOR_NAME})
    public List<ModelActivation> history(int max) {
        return repository.history(max);
    }

    /** When which model was made active (no shadow: its results are not for clinicians), newest first. */
    @RolesAllowed({Role.ADMIN_NAME, Role.AUDITOR_NAME, Role.CLINICIAN_NAME})
    public List<ModelActivation> activations(int max) {
        return repository.history(ModelSlot.ACTIVE, max);
    }

    @RolesAllowed({Role.ADMIN_NAME, Role.AUDITOR_NAME})
    public List<ModelChangeRequest> requests(int max) {
        return repository.requests(max);
    }

    /**
     * Makes {@code modelId} the shadow, once it passed verification (checksums, card, smoke inference).
     *
     * @throws ModelOperationException when it is the active model, unknown, or fails verification
     */
    public ModelEntry setShadow(String modelId, String reason) {
        String why = reason(reason, AuditAction.MODEL_SHADOW_SET, modelId);
        if (modelId == null || modelId.equals(active())) {
            throw refused(AuditAction.MODEL_SHADOW_SET, modelId, "The active model cannot also be its own shadow.");
        }
        Optional<ModelSource> source = models.available().stream().filter(m -> m.id().equals(modelId)).findFirst();
        if (source.isEmpty()) {
            throw refused(AuditAction.MODEL_SHADOW_SET, modelId, "There is no model " + modelId + ".", true);
        }
        ModelCard card;
        try {
            card = models.verify(modelId);
        } catch (ModelRefusedException e) {
            throw refused(AuditAction.MODEL_SHADOW_SET, modelId, e.getMessage());
        }
        repository.persist(ModelActivation.shadow(modelId, caller(), why, Instant.now()));
        audit.record(AuditEntry.success(AuditAction.MODEL_SHADOW_SET, subject(modelId))
                .withDetail("shadow " + modelId + " (sha256 " + card.checksum() + "); reason: " + why));
        return models().stream().filter(m -> m.id().equals(modelId)).findFirst().orElseThrow();
    }

    /** Stops the shadow. */
    public void clearShadow(String reason) {
        Optional<String> shadow = shadow();
        String why = reason(reason, AuditAction.MODEL_SHADOW_SET, shadow.orElse("no shadow"));
        if (shadow.isEmpty()) {
            throw refused(AuditAction.MODEL_SHADOW_SET, "no shadow", "No shadow model is set.");
        }
        repository.persist(ModelActivation.shadow(null, caller(), why, Instant.now()));
        audit.record(AuditEntry.success(AuditAction.MODEL_SHADOW_SET, subject(shadow.get()))
                .withDetail("shadow cleared; reason: " + why));
    }

    /**
     * Asks for the shadow to become active; a second administrator approves it.
     *
     * @throws ModelOperationException without a shadow, or while another request waits
     */
    public ModelChangeRequest requestPromotion(String reason) {
        String shadow = shadow().orElse(null);
        String why = reason(reason, AuditAction.MODEL_CHANGE_REQUESTED, shadow == null ? "no shadow" : shadow);
        if (shadow == null) {
            throw refused(AuditAction.MODEL_CHANGE_REQUESTED, "no shadow", "Set a shadow model first: only the"
                    + " shadow, whose results could be compared, can be promoted.");
        }
        return request(ChangeKind.PROMOTION, shadow, why);
    }

    /**
     * Asks for a model that was active before to become active again; a second administrator approves it.
     *
     * @throws ModelOperationException for a model that never was active, or while another request waits
     */
    public ModelChangeRequest requestRollback(String modelId, String reason) {
        String why = reason(reason, AuditAction.MODEL_CHANGE_REQUESTED, modelId);
        boolean earlier = modelId != null && wasActive(modelId);
        if (!earlier || modelId.equals(active())) {
            throw refused(AuditAction.MODEL_CHANGE_REQUESTED, modelId, "Only a model that was active before can be"
                    + " rolled back to, and " + modelId + " is " + (earlier ? "active now." : "not one."));
        }
        return request(ChangeKind.ROLLBACK, modelId, why);
    }

    private ModelChangeRequest request(ChangeKind kind, String modelId, String reason) {
        if (!repository.pending().isEmpty()) {
            ModelChangeRequest waiting = repository.pending().getFirst();
            throw refused(AuditAction.MODEL_CHANGE_REQUESTED, modelId, "A request of " + waiting.requestedBy()
                    + " to make " + waiting.modelId() + " active waits for a decision; decide it first.");
        }
        ModelChangeRequest request = new ModelChangeRequest(kind, modelId, active(), reason, caller(), Instant.now());
        repository.persist(request);
        audit.record(AuditEntry.success(AuditAction.MODEL_CHANGE_REQUESTED, subject(modelId))
                .withDetail(kind.name().toLowerCase(Locale.ROOT) + " request " + request.id() + ": " + modelId
                        + " to replace " + request.replaces() + "; reason: " + reason));
        return request;
    }

    /**
     * A second administrator approves a request: its model is verified again and becomes active on every node
     * within {@code strokescan.model.poll-seconds}; a promoted shadow stops being the shadow.
     *
     * @throws ModelOperationException for the administrator who asked, a decided or stale request, or a model that
     *                                 fails verification
     */
    public ModelActivation approve(String requestId, String note) {
        ModelChangeRequest request = find(requestId, AuditAction.MODEL_ACTIVATED);
        String by = caller();
        try {
            request.requireApprovableBy(by); // before the costly verification
        } catch (IllegalStateException e) {
            throw refused(AuditAction.MODEL_ACTIVATED, request.modelId(), e.getMessage());
        }
        try {
            models.verify(request.modelId());
        } catch (ModelRefusedException e) {
            throw refused(AuditAction.MODEL_ACTIVATED, request.modelId(), e.getMessage());
        }
        Instant now = Instant.now();
        try {
            request.approve(by, note, active(), now);
        } catch (IllegalStateException e) {
            throw refused(AuditAction.MODEL_ACTIVATED, request.modelId(), e.getMessage()); // stale: kept as such
        }
        ModelActivation activation = ModelActivation.active(request, now);
        repository.persist(activation);
        if (shadow().filter(request.modelId()::equals).isPresent()) {
            // the model that becomes active stops being the shadow (a promotion, or a rollback to the shadow)
            repository.persist(ModelActivation.shadow(null, by, "made active", now));
        }
        audit.record(AuditEntry.success(AuditAction.MODEL_ACTIVATED, subject(request.modelId()))
                .withDetail(request.kind().name().toLowerCase(Locale.ROOT) + " request " + request.id() + " by "
                        + request.requestedBy() + " approved: " + request.modelId() + " replaces "
                        + request.replaces() + "; reason: " + request.reason()));
        return activation;
    }

    /** Rejects a request (withdraws it, for the administrator who asked). */
    public ModelChangeRequest reject(String requestId, String note) {
        ModelChangeRequest request = find(requestId, AuditAction.MODEL_CHANGE_REJECTED);
        try {
            request.reject(caller(), note, Instant.now());
        } catch (IllegalStateException e) {
            throw refused(AuditAction.MODEL_CHANGE_REJECTED, request.modelId(), e.getMessage());
        }
        audit.record(AuditEntry.success(AuditAction.MODEL_CHANGE_REJECTED, subject(request.modelId()))
                .withDetail("request " + request.id() + " " + request.state().name().toLowerCase(Locale.ROOT)
                        + (note == null || note.isBlank() ? "" : ": " + note.strip())));
        return request;
    }

    /**
     * The shadow compared with the active model over [from, to): labels image by image, and study verdicts
     * against the clinicians' signed findings. Reads at most {@value #COMPARISON_MAX} shadow results.
     */
    @RolesAllowed({Role.ADMIN_NAME, Role.AUDITOR_NAME})
    public ShadowComparison compare(Instant from, Instant to) {
        if (from == null || to == null || !from.isBefore(to) || Duration.between(from, to).toDays() > 366) {
            throw new ModelOperationException("Choose a period of at most a year whose start lies before its end.",
                    false);
        }
        List<ShadowPrediction> results = repository.shadowResults(from, to, COMPARISON_MAX);
        Map<String, StudyTruth> truths = new HashMap<>();
        results.stream().flatMap(r -> r.examinationId().stream()).distinct().forEach(id -> examinations.record(id)
                .flatMap(ModelOperations::truth).ifPresent(truth -> truths.put(id, truth)));
        Map<String, Optional<ModelCard>> cards = new HashMap<>();
        return ShadowComparer.compare(from, to, results, truths, (model, slices) -> cards.computeIfAbsent(model,
                this::cardIfAvailable).map(card -> card.studyRuleFor(slices)).orElse(null));
    }

    /** A model's card, or empty for a model no longer in the registry (its studies are then not compared). */
    private Optional<ModelCard> cardIfAvailable(String modelId) {
        try {
            return Optional.of(models.card(modelId));
        } catch (ModelRefusedException e) {
            return Optional.empty();
        }
    }

    private static Optional<StudyTruth> truth(ExaminationRecord record) {
        return record.currentReview().map(review -> new StudyTruth(record.examination().id(),
                record.examination().sliceCount(), record.examination().verdict() == Verdict.SUSPECTED,
                review.finding() == Verdict.SUSPECTED));
    }

    private ModelChangeRequest find(String requestId, AuditAction action) {
        return repository.requestForDecision(requestId).orElseThrow(() -> refusedAbout(action, "model change request "
                + requestId, "There is no model change request " + requestId + ".", true));
    }

    private String reason(String reason, AuditAction action, String modelId) {
        try {
            return ModelChangeRequest.requireReason(reason);
        } catch (IllegalArgumentException e) {
            throw refused(action, modelId, e.getMessage());
        }
    }

    private ModelOperationException refused(AuditAction action, String modelId, String message) {
        return refused(action, modelId, message, false);
    }

    /** Records the refused attempt (it is kept: the exception does not roll back) and returns the exception. */
    private ModelOperationException refused(AuditAction action, String modelId, String message, boolean notFound) {
        return refusedAbout(action, subject(modelId), message, notFound);
    }

    private ModelOperationException refusedAbout(AuditAction action, String subject, String message,
                                                 boolean notFound) {
        audit.record(new AuditEntry(action, subject, AuditOutcome.FAILURE, "refused: " + message));
        return new ModelOperationException(message, notFound);
    }

    private static String subject(String modelId) {
        return "model " + (modelId == null ? "none" : modelId);
    }

    private String caller() {
        return session.getCallerPrincipal().getName();
    }
}
