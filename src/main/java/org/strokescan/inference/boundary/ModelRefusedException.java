package org.strokescan.inference.boundary;

import jakarta.ejb.ApplicationException;

/** A model that cannot be used: not there, its files or card do not verify, or its smoke inference failed. */
@ApplicationException(rollback = true)
public class ModelRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ModelRefusedException(String message) {
        super(message);
    }
}
