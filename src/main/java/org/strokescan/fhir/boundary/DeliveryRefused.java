package org.strokescan.fhir.boundary;

import jakarta.ejb.ApplicationException;

/** An admin action on a report message that cannot be done: no such message, or not in a state that allows it. */
@ApplicationException(rollback = true)
public class DeliveryRefused extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final boolean notFound;

    DeliveryRefused(String message, boolean notFound) {
        super(message);
        this.notFound = notFound;
    }

    public boolean notFound() {
        return notFound;
    }
}
