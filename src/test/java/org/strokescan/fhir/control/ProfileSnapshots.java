package org.strokescan.fhir.control;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.r4.model.StructureDefinition;

/**
 * Writes the snapshot of every StructureDefinition in {@code fhir-profiles/} from its differential, with HAPI's
 * snapshot generator. Run after editing a differential:
 * {@code mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.strokescan.fhir.control.ProfileSnapshots};
 * {@code ReportMapperTest} fails while a committed snapshot differs from the generated one.
 */
public final class ProfileSnapshots {

    static final Path FOLDER = Path.of("fhir-profiles");

    private ProfileSnapshots() {
    }

    public static void main(String[] args) throws IOException {
        for (String file : ReportValidation.CONFORMANCE_FILES) {
            if (file.startsWith("StructureDefinition-")) {
                Files.writeString(FOLDER.resolve(file), generated(file));
                System.out.println("snapshot written: " + file);
            }
        }
    }

    /** The file as it should be: its differential with a freshly generated snapshot, pretty-printed. */
    static String generated(String file) throws IOException {
        FhirContext context = FhirContext.forR4Cached();
        StructureDefinition definition = context.newJsonParser()
                .parseResource(StructureDefinition.class, Files.readString(FOLDER.resolve(file)));
        definition.setSnapshot(null);
        PrePopulatedValidationSupport ours = new PrePopulatedValidationSupport(context);
        SnapshotGeneratingValidationSupport generator = new SnapshotGeneratingValidationSupport(context);
        ValidationSupportChain chain = new ValidationSupportChain(new DefaultProfileValidationSupport(context), ours, generator);
        StructureDefinition withSnapshot = (StructureDefinition) generator.generateSnapshot(
                new ValidationSupportContext(chain), definition, definition.getUrl(), null, definition.getName());
        withSnapshot.getText().setDivAsString(null);
        withSnapshot.setText(null);
        return context.newJsonParser().setPrettyPrint(true).encodeResourceToString(withSnapshot) + "\n";
    }
}
