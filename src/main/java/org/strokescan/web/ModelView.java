package org.strokescan.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Map;
import org.strokescan.inference.boundary.Models;
import org.strokescan.inference.entity.ModelCard;
import org.strokescan.inference.entity.ModelStatus;

/** The model card page and the model status line: what the model is, how it was validated, whether it is up. */
@Named
@RequestScoped
public class ModelView {

    @Inject
    Models models;

    private ModelStatus status;

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

    public List<Map.Entry<String, Double>> getMetrics() {
        return getStatus().card().map(c -> List.copyOf(c.metrics().entrySet())).orElse(List.of());
    }
}
