package org.strokescan.inference.boundary;

import jakarta.ejb.ApplicationException;

/**
 * A model that cannot be used: not there, its files or card do not verify, or its smoke inference failed. It does not
 * roll the caller's transaction back: the caller records the refusal.
 */
@ApplicationException(rollback = false)
public class ModelRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ModelRefusedException(String message) {
        super(message);
    }
}
