package org.strokescan.audit.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class AuditSubjectTest {

    @Test
    void aPatientIsNamedTheWayAuditorsSearchForIt() {
        assertEquals("patient MRN-0001", AuditSubject.patient("MRN-0001"));
        assertEquals("no patient", AuditSubject.patient(null));
    }

    /** A subject spelt by hand drifts ("Patient X", "patient: X") and an auditor's search misses its records. */
    @Test
    void noOtherCodeSpellsAPatientSubject() throws IOException {
        Pattern byHand = Pattern.compile("\"patient \"|\"no patient\"");
        Path sources = Path.of("src/main/java");
        try (Stream<Path> files = Files.walk(sources)) {
            List<String> found = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.endsWith(Path.of("org/strokescan/audit/entity/AuditSubject.java")))
                    .filter(f -> byHand.matcher(read(f)).find()).map(sources::relativize).map(Path::toString).toList();
            assertEquals(List.of(), found);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
