package org.strokescan.web.admin;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import org.primefaces.model.LazyDataModel;
import org.strokescan.fhir.boundary.Deliveries;
import org.strokescan.fhir.boundary.DeliveryRefused;
import org.strokescan.fhir.entity.DeliveryState;
import org.strokescan.fhir.entity.OutboxMessage;
import org.strokescan.fhir.entity.ReportKind;
import org.strokescan.web.LazyRows;
import org.strokescan.web.Messages;

/** The EHR delivery queue: every report message with its state, attempts and last error; retry and cancel. */
@Named
@ViewScoped
public class DeliveriesView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    Deliveries deliveries;

    private DeliveryState state;

    /** The queue in its one order (the boundary's): the table's columns are not sortable. */
    private final LazyDataModel<OutboxMessage> messages = new LazyRows<>(null, OutboxMessage::id,
            () -> deliveries.count(state), (first, pageSize, field, ascending) -> deliveries.search(state, first, pageSize));

    public void retry(String id) {
        try {
            deliveries.retry(id);
            Messages.info("deliveries.retried");
        } catch (DeliveryRefused e) {
            Messages.error("deliveries.changed");
        }
    }

    public void cancel(String id) {
        try {
            deliveries.cancel(id);
            Messages.info("deliveries.cancelled");
        } catch (DeliveryRefused e) {
            Messages.error("deliveries.changed");
        }
    }

    public String format(Instant instant) {
        return Messages.dateTime(instant);
    }

    public String stateText(DeliveryState value) {
        return Messages.text("delivery." + value.name());
    }

    /** Which report a message carries (preliminary, final, amended), in words. */
    public String kindText(ReportKind kind) {
        return Messages.text("report.kind." + kind.name());
    }

    public String countOf(DeliveryState value) {
        return String.valueOf(deliveries.count(value));
    }

    public boolean isEnabled() { return deliveries.enabled(); }
    public String getBaseUrl() { return deliveries.baseUrl(); }
    public DeliveryState[] getStates() { return DeliveryState.values(); }
    public LazyDataModel<OutboxMessage> getMessages() { return messages; }
    public DeliveryState getState() { return state; }
    public void setState(DeliveryState state) { this.state = state; }
}
