package org.strokescan.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Map;
import org.strokescan.inference.boundary.Models;
import org.strokescan.inference.entity.ModelCard;
import org.strokescan.inference.entity.ModelStatus;
import org.strokescan.modelops.boundary.ModelOperations;
import org.strokescan.modelops.entity.ModelActivation;

/** The model card page and the model status line: what the model is, how it was validated, whether it is up. */
@Named
@RequestScoped
public class ModelView {

    @Inject
    Models models;

    @Inject
    ModelOperations operations;

    private ModelStatus status;

    /** When which model was made active, by whose request and whose approval; empty before the first change. */
    public List<ModelActivation> getActivations() {
        return operations.activations(50);
    }

    public String modelOf(ModelActivation activation) {
        return activation.modelId().orElse("");
    }

    public String approverOf(ModelActivation activation) {
        return activation.approvedBy().orElse("");
    }

    public String format(java.time.Instant instant) {
        return Messages.dateTime(instant);
    }

    public ModelStatus getStatus() {
        if (status == null) {
            status = models.status();
        }
        return status;
    }

    public boolean isReady() {
        return getStatus().ready();
    }

    public boolean isFailed() {
        return getStatus().state() == ModelStatus.State.FAILED;
    }

    public ModelCard getCard() {
        return getStatus().card().orElse(null);
    }

    /** How the card's study rule turns slices into the study verdict; empty for a model without one. */
    public String getStudyRule() {
        ModelCard card = getCard();
        return card == null || card.study() == null ? "" : Messages.text("model.studyRule.text", card.study().k(),
                Messages.percent(card.study().threshold()));
    }

    /** What the card's learned input gate does; empty for a model gated by the hand-written rules. */
    public String getGate() {
        ModelCard card = getCard();
        return card == null || card.gate() == null ? "" : Messages.text("model.gate.text",
                Messages.percent(card.gate().threshold()));
    }

    public List<Map.Entry<String, Double>> getMetrics() {
        return getStatus().card().map(c -> List.copyOf(c.metrics().entrySet())).orElse(List.of());
    }

    /** A metric in the viewer's words; a metric the bundle does not know yet by the card's own name. */
    public String metricName(String key) {
        return Messages.optionalText("model.metric." + key).orElse(key);
    }

    /** How the model scales intensities, in words. */
    public String getNormalisation() {
        ModelCard card = getCard();
        return card == null ? "" : Messages.text("model.normalisation." + card.preprocessing().normalisation().name());
    }
}
