package org.strokescan.modelops.boundary;

import jakarta.ejb.ApplicationException;

/**
 * A model operation refused, with a message for the administrator. It does not roll back: the refusal's audit
 * record (and a request found stale) is kept.
 */
@ApplicationException(rollback = false)
public class ModelOperationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean notFound;

    public ModelOperationException(String message, boolean notFound) {
        super(message);
        this.notFound = notFound;
    }

    public boolean notFound() {
        return notFound;
    }
}
