package org.strokescan.web.admin;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.strokescan.fhir.boundary.Deliveries;
import org.strokescan.fhir.boundary.DeliveryRefused;
import org.strokescan.fhir.entity.DeliveryState;
import org.strokescan.fhir.entity.OutboxMessage;
import org.strokescan.web.Messages;

/** The EHR delivery queue: every report message with its state, attempts and last error; retry and cancel. */
@Named
@ViewScoped
public class DeliveriesView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    Deliveries deliveries;

    private DeliveryState state;

    private final LazyDataModel<OutboxMessage> messages = new LazyDataModel<>() {
        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return (int) deliveries.count(state);
        }

        @Override
        public List<OutboxMessage> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
            return deliveries.search(state, first, pageSize);
        }

        @Override
        public String getRowKey(OutboxMessage message) {
            return message.id();
        }

        @Override
        public OutboxMessage getRowData(String rowKey) {
            return null; // rows carry their own buttons
        }
    };

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
