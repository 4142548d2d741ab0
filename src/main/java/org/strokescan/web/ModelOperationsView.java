package org.strokescan.web;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import org.strokescan.modelops.boundary.ModelOperationException;
import org.strokescan.modelops.boundary.ModelOperations;
import org.strokescan.modelops.entity.Accuracy;
import org.strokescan.modelops.entity.ModelActivation;
import org.strokescan.modelops.entity.ModelChangeRequest;
import org.strokescan.modelops.entity.ModelEntry;
import org.strokescan.modelops.entity.ModelState;
import org.strokescan.modelops.entity.RequestState;
import org.strokescan.modelops.entity.ShadowComparison;

/**
 * The model registry for administrators (who set the shadow, ask for and decide changes) and auditors (who read):
 * models with their states, the shadow compared with the active model, change requests and the activation history.
 * The boundary checks who may do what; this page only hides buttons a role cannot use.
 */
@Named
@ViewScoped
public class ModelOperationsView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    ModelOperations operations;

    private String reason;
    private int days = 30;
    private transient List<ModelEntry> models;
    private ShadowComparison comparison;

    public List<ModelEntry> getModels() {
        if (models == null) {
            models = operations.models();
        }
        return models;
    }

    public List<ModelActivation> getHistory() {
        return operations.history(200);
    }

    public List<ModelChangeRequest> getRequests() {
        return operations.requests(50);
    }

    /** The comparison over the last {@code days}, once asked for (it reads every shadow result of the period). */
    public ShadowComparison getComparison() {
        return comparison;
    }

    public void setShadow(String modelId) {
        act(() -> operations.setShadow(modelId, reason), "models.shadowSet", modelId);
    }

    public void clearShadow() {
        act(() -> operations.clearShadow(reason), "models.shadowCleared", "");
    }

    public void requestPromotion() {
        act(() -> operations.requestPromotion(reason), "models.requested", "");
    }

    public void requestRollback(String modelId) {
        act(() -> operations.requestRollback(modelId, reason), "models.requested", modelId);
    }

    public void approve(String requestId) {
        act(() -> operations.approve(requestId, reason), "models.approved", "");
    }

    public void reject(String requestId) {
        act(() -> operations.reject(requestId, reason), "models.rejected", "");
    }

    private void act(Runnable action, String done, String modelId) {
        try {
            action.run();
            Messages.info(done, modelId);
            reason = null;
        } catch (ModelOperationException e) {
            Messages.error("models.refused", e.getMessage());
        }
        models = null;
    }

    public void compare() {
        Instant now = Instant.now();
        try {
            comparison = operations.compare(now.minus(days, ChronoUnit.DAYS), now);
        } catch (ModelOperationException e) {
            Messages.error("models.refused", e.getMessage());
        }
    }

    public boolean pending(ModelChangeRequest request) {
        return request.state() == RequestState.PENDING;
    }

    public boolean isShadowSet() {
        return getModels().stream().anyMatch(m -> m.state() == ModelState.SHADOW);
    }

    public String stateText(ModelState state) {
        return Messages.text("models.state." + state.name());
    }

    public String requestStateText(RequestState state) {
        return Messages.text("models.request." + state.name());
    }

    public String kindText(ModelChangeRequest request) {
        return Messages.text("models.kind." + request.kind().name());
    }

    public String slotText(ModelActivation activation) {
        return Messages.text("models.slot." + activation.slot().name());
    }

    /** The model an activation put in place; a dash for a cleared shadow. */
    public String modelOf(ModelActivation activation) {
        return activation.modelId().orElse("—");
    }

    /** Who approved an activation; a dash for a shadow, which one administrator sets. */
    public String approverOf(ModelActivation activation) {
        return activation.approvedBy().orElse("—");
    }

    public String format(Instant instant) {
        return Messages.dateTime(instant);
    }

    /** A share as a percentage, or a dash when it is undefined (no studies of that kind). */
    public String percent(double share) {
        return Double.isFinite(share) ? Messages.percent(share) : "–";
    }

    public String pValue(double p) {
        return Double.isFinite(p) ? String.format(Locale.ROOT, "%.3g", p) : "–";
    }

    public String sensitivity(Accuracy accuracy) {
        return percent(accuracy.sensitivity()) + " (" + accuracy.truePositives() + "/"
                + (accuracy.truePositives() + accuracy.falseNegatives()) + ")";
    }

    public String specificity(Accuracy accuracy) {
        return percent(accuracy.specificity()) + " (" + accuracy.trueNegatives() + "/"
                + (accuracy.trueNegatives() + accuracy.falsePositives()) + ")";
    }

    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
    public int getDays() { return days; }
    public void setDays(int days) { this.days = Math.clamp(days, 1, 366); }
}
