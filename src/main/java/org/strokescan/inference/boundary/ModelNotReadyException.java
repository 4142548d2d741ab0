package org.strokescan.inference.boundary;

import jakarta.ejb.ApplicationException;

/** The model cannot classify right now (loading, missing or corrupt); the message says which. */
@ApplicationException(rollback = true)
public class ModelNotReadyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ModelNotReadyException(String message) {
        super(message);
    }
}
