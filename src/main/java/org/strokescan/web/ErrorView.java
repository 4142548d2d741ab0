package org.strokescan.web;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import jakarta.servlet.RequestDispatcher;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Backs the error pages: the user sees a short reference, the log holds the details under that reference,
 * and no stack trace ever reaches the browser.
 */
@Named
@RequestScoped
public class ErrorView {

    private static final Logger LOG = Logger.getLogger(ErrorView.class.getName());

    private String reference;

    @PostConstruct
    void logFailure() {
        Map<String, Object> request = FacesContext.getCurrentInstance().getExternalContext().getRequestMap();
        Throwable failure = (Throwable) request.get(RequestDispatcher.ERROR_EXCEPTION);
        Object status = request.get(RequestDispatcher.ERROR_STATUS_CODE);
        if (failure != null || Integer.valueOf(500).equals(status)) {
            reference = UUID.randomUUID().toString().substring(0, 8);
            LOG.log(Level.SEVERE, "event=request.failed ref=" + reference + " uri="
                    + request.get(RequestDispatcher.ERROR_REQUEST_URI), failure);
        }
    }

    public String getReference() {
        return reference;
    }
}
