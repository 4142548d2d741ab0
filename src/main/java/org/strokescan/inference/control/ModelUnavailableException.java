package org.strokescan.inference.control;

/** The model cannot serve: missing, corrupt, or not loadable; the message says which, in words an admin can act on. */
public class ModelUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ModelUnavailableException(String message) {
        super(message);
    }

    public ModelUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
