package org.strokescan.web;

import jakarta.faces.FacesException;
import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Iterator;
import java.util.logging.Logger;
import org.strokescan.security.boundary.LoginMechanismByPath;
import org.strokescan.security.entity.ReturnPath;

/**
 * A form whose view the signed-in session no longer holds (the page was left open while the session was replaced by
 * a new sign-in, or while many other pages were opened) opens its page again, Ajax or not, with a message that the
 * last action was not carried out: an expected condition, logged as one line, no stack trace. A form whose session
 * itself is gone never gets here: {@link LoginMechanismByPath} sends it to the login page first. Every other failure
 * goes on to PrimeFaces' handler, which shows the error pages of web.xml.
 */
public class ExpiredViewHandlerFactory extends ExceptionHandlerFactory {

    private static final Logger LOG = Logger.getLogger(ExpiredViewHandlerFactory.class.getName());
    /** Request parameter of the page opened again, for the message in the page template. */
    static final String VIEW_EXPIRED = "viewExpired";

    public ExpiredViewHandlerFactory(ExceptionHandlerFactory wrapped) {
        super(wrapped);
    }

    @Override
    public ExceptionHandler getExceptionHandler() {
        return new ExceptionHandlerWrapper(getWrapped().getExceptionHandler()) {
            @Override
            public void handle() throws FacesException {
                for (Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator(); events.hasNext(); ) {
                    if (getRootCause(events.next().getContext().getException()) instanceof ViewExpiredException) {
                        events.remove();
                        openAgain(FacesContext.getCurrentInstance());
                    }
                }
                super.handle();
            }
        };
    }

    private static void openAgain(FacesContext faces) {
        ExternalContext external = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        String path = LoginMechanismByPath.pathOf(request);
        LOG.info(() -> "event=view.expired ajax=" + faces.getPartialViewContext().isAjaxRequest() + " path=" + path);
        if (faces.getResponseComplete()) {
            return;
        }
        // the address the form was posted to holds the page's view parameters (AddressKeepingViewHandler)
        String query = request.getQueryString();
        String page = ReturnPath.of(path + (query == null ? "" : "?" + query)).map(ReturnPath::path).orElse("/index.xhtml");
        try {
            // the page template says why (VIEW_EXPIRED); Faces answers an Ajax request with its redirect answer
            external.redirect(external.getRequestContextPath() + page + (page.contains("?") ? "&" : "?")
                    + VIEW_EXPIRED + "=true");
        } catch (IOException e) {
            throw new FacesException(e);
        }
        faces.responseComplete();
    }
}
