package org.strokescan.web;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.ResourceBundle;

/** Looks texts up in the {@code messages} bundle in the viewer's locale and queues them as Faces messages. */
public final class Messages {

    static final String BUNDLE = "org.strokescan.web.messages";

    private Messages() {
    }

    public static String text(String key, Object... arguments) {
        ResourceBundle bundle = bundle();
        try {
            String pattern = bundle.getString(key);
            return arguments.length == 0 ? pattern : new MessageFormat(pattern, bundle.getLocale()).format(arguments);
        } catch (MissingResourceException e) {
            return "??" + key + "??";
        }
    }

    /** The text of a key the bundle may lack (e.g. a metric a newer model card names): empty when it has none. */
    public static Optional<String> optionalText(String key) {
        ResourceBundle bundle = bundle();
        return bundle.containsKey(key) ? Optional.of(bundle.getString(key)) : Optional.empty();
    }

    /** Whether the viewer reads English (the language of the base bundle). */
    public static boolean isEnglish() {
        return "en".equals(locale().getLanguage());
    }

    private static ResourceBundle bundle() {
        return ResourceBundle.getBundle(BUNDLE, locale());
    }

    private static Locale locale() {
        FacesContext faces = FacesContext.getCurrentInstance();
        return faces.getViewRoot() != null ? faces.getViewRoot().getLocale() : faces.getExternalContext().getRequestLocale();
    }

    public static void info(String key, Object... arguments) {
        add(FacesMessage.SEVERITY_INFO, null, key, arguments);
    }

    public static void error(String key, Object... arguments) {
        add(FacesMessage.SEVERITY_ERROR, null, key, arguments);
    }

    /** An error shown beside the component {@code clientId} (a {@code p:message} or {@code p:messages} for it). */
    public static void errorAt(String clientId, String key, Object... arguments) {
        add(FacesMessage.SEVERITY_ERROR, clientId, key, arguments);
    }

    /** A confirmation shown beside the component {@code clientId}. */
    public static void infoAt(String clientId, String key, Object... arguments) {
        add(FacesMessage.SEVERITY_INFO, clientId, key, arguments);
    }

    private static void add(FacesMessage.Severity severity, String clientId, String key, Object... arguments) {
        String summary = text(key, arguments);
        FacesContext.getCurrentInstance().addMessage(clientId, new FacesMessage(severity, summary, null));
    }

    /** A moment in the viewer's locale and the server's time zone; a dash for none. */
    public static String dateTime(Instant instant) {
        if (instant == null) {
            return "—";
        }
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
                .withLocale(FacesContext.getCurrentInstance().getViewRoot().getLocale())
                .withZone(ZoneId.systemDefault())
                .format(instant);
    }

    /** A probability as a percentage in the viewer's locale, one decimal; a dash for none. */
    public static String percent(Double probability) {
        if (probability == null) {
            return "—";
        }
        NumberFormat format = NumberFormat.getPercentInstance(FacesContext.getCurrentInstance().getViewRoot().getLocale());
        format.setMinimumFractionDigits(1);
        format.setMaximumFractionDigits(1);
        return format.format(probability);
    }

    /** Keeps messages across the redirect that follows a successful form. */
    public static void keepForRedirect() {
        FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(true);
    }
}
