package org.strokescan.web;

import jakarta.faces.application.ViewHandler;
import jakarta.faces.application.ViewHandlerWrapper;
import jakarta.faces.component.UIViewParameter;
import jakarta.faces.component.UIViewRoot;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewMetadata;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

/**
 * Forms post to their page's full address, view parameters included ({@code examination.xhtml?id=…} rather than
 * {@code examination.xhtml}): a post that arrives after its session ended can then send the browser back to the same
 * examination after sign-in, although the view that knew the id is gone. Only the form action changes (Faces calls
 * {@link #getActionURL} of the application's view handler for it); links and redirects build their addresses inside
 * the wrapped handler as before.
 */
public class AddressKeepingViewHandler extends ViewHandlerWrapper {

    public AddressKeepingViewHandler(ViewHandler wrapped) {
        super(wrapped);
    }

    @Override
    public String getActionURL(FacesContext context, String viewId) {
        String url = super.getActionURL(context, viewId);
        UIViewRoot view = context.getViewRoot();
        if (view == null || !viewId.equals(view.getViewId()) || url.contains("?")) {
            return url;
        }
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        for (UIViewParameter parameter : ViewMetadata.getViewParameters(view)) {
            String value = parameter.getStringValue(context);
            if (value != null && !value.isEmpty()) {
                query.add(URLEncoder.encode(parameter.getName(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
        return url + query;
    }
}
