package org.strokescan.web;

import jakarta.enterprise.context.SessionScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.strokescan.security.boundary.Accounts;

/**
 * The language of the pages: the browser's preference until the user picks one in the header; a signed-in
 * user's pick is stored with their account and restored at their next sign-in.
 */
@Named
@SessionScoped
public class LanguageView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    Accounts accounts;

    private Locale locale;

    public Locale getLocale() {
        if (locale == null) {
            FacesContext faces = FacesContext.getCurrentInstance();
            locale = supported(faces.getExternalContext().getRequestLocale().getLanguage());
        }
        return locale;
    }

    public String getLanguage() {
        return getLocale().getLanguage();
    }

    public void setLanguage(String language) {
        locale = supported(language);
    }

    /** Applies the choice (stored for a signed-in user) and reloads the page in the new language. */
    public void change() throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        if (external.getUserPrincipal() != null) {
            accounts.chooseOwnLanguage(locale.getLanguage());
        }
        faces.getViewRoot().setLocale(locale);
        // back to the same page with its view parameters (an examination's id), now in the new language
        external.redirect(faces.getApplication().getViewHandler().getBookmarkableURL(faces,
                faces.getViewRoot().getViewId(), Map.of(), true));
    }

    /** After sign-in: the user's stored language wins over the browser's. */
    public void restoreForSignedInUser() {
        accounts.ownLanguage().ifPresent(this::setLanguage);
    }

    /** The languages offered, each named in itself. */
    public List<Locale> getLanguages() {
        List<Locale> languages = new ArrayList<>();
        FacesContext faces = FacesContext.getCurrentInstance();
        languages.add(faces.getApplication().getDefaultLocale());
        for (Iterator<Locale> it = faces.getApplication().getSupportedLocales(); it.hasNext(); ) {
            languages.add(it.next());
        }
        return languages;
    }

    private static Locale supported(String language) {
        FacesContext faces = FacesContext.getCurrentInstance();
        for (Iterator<Locale> it = faces.getApplication().getSupportedLocales(); it.hasNext(); ) {
            Locale candidate = it.next();
            if (candidate.getLanguage().equals(language)) {
                return candidate;
            }
        }
        return faces.getApplication().getDefaultLocale();
    }

    public String nameOf(Locale language) {
        String name = language.getDisplayLanguage(language);
        return name.isEmpty() ? language.getLanguage() : name.substring(0, 1).toUpperCase(language) + name.substring(1);
    }
}
