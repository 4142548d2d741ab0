package org.strokescan.examination.boundary;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The hospital's patient identifier (MRN) format, {@code strokescan.patient-id.pattern}: the one rule by which an
 * examination is started, whether in the browser or through the API.
 */
@Dependent
class PatientIdFormat {

    /** The database keeps patient identifiers in 64 characters, whatever the pattern allows. */
    static final int MAX_LENGTH = 64;

    private final Pattern pattern;

    @Inject
    PatientIdFormat(@ConfigProperty(name = "strokescan.patient-id.pattern") String pattern) {
        this.pattern = Pattern.compile(pattern);
    }

    /** Whether the identifier, exactly as given, is one the hospital issues; null is none. */
    boolean accepts(String patientId) {
        return patientId != null && patientId.length() <= MAX_LENGTH && pattern.matcher(patientId).matches();
    }
}
