package org.strokescan.pacs.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.strokescan.pacs.entity.InstanceSummary;

class SeriesChoiceTest {

    private static InstanceSummary slice(String sop, String series, Integer number, Double z, Double thickness,
                                         boolean axial, int size) {
        return new InstanceSummary(sop, series, number, z, thickness, axial, size, size);
    }

    @Test
    void takesTheAxialSeriesClosestToTheConfiguredThickness() {
        List<InstanceSummary> study = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            study.add(slice("thin" + i, "thin", i + 1, i * 1.0, 1.0, true, 512));
            study.add(slice("thick" + i, "thick", i + 1, i * 5.0, 5.0, true, 512));
            study.add(slice("sag" + i, "sagittal", i + 1, i * 5.0, 5.0, false, 512));
        }
        SeriesChoice.Choice choice = SeriesChoice.choose(study, 5);
        assertEquals("thick", choice.series().orElseThrow());
        assertEquals(List.of("thick0", "thick1", "thick2", "thick3"), choice.ordered());
        assertEquals("thin", SeriesChoice.choose(study, 1.5).series().orElseThrow());
    }

    @Test
    void ordersByPositionAlongTheNormalNotByInstanceNumber() {
        // an export that numbered the slices from the vertex down: the geometry still runs from the base up
        List<InstanceSummary> study = List.of(
                slice("a", "s", 1, 30.0, 5.0, true, 256),
                slice("b", "s", 2, 10.0, 5.0, true, 256),
                slice("c", "s", 3, 20.0, 5.0, true, 256));
        SeriesChoice.Choice choice = SeriesChoice.choose(study, 5);
        assertEquals(List.of("b", "c", "a"), choice.ordered());
        assertTrue(choice.why().contains("ImagePositionPatient"), choice.why());
    }

    @Test
    void fallsBackToInstanceNumbersWithoutGeometry() {
        List<InstanceSummary> study = List.of(
                slice("a", "s", 3, null, null, true, 256),
                slice("b", "s", 1, 10.0, null, true, 256),
                slice("c", "s", 2, null, null, true, 256));
        SeriesChoice.Choice choice = SeriesChoice.choose(study, 5);
        assertEquals(List.of("b", "c", "a"), choice.ordered());
        assertTrue(choice.why().contains("InstanceNumber"), choice.why());
    }

    @Test
    void slicesOfAnotherSizeThanTheSeriesAreSkippedWithTheReason() {
        List<InstanceSummary> study = List.of(
                slice("a", "s", 1, 0.0, 5.0, true, 512),
                slice("b", "s", 2, 5.0, 5.0, true, 256),
                slice("c", "s", 3, 10.0, 5.0, true, 512));
        SeriesChoice.Choice choice = SeriesChoice.choose(study, 5);
        assertEquals(List.of("a", "c"), choice.ordered());
        assertEquals(1, choice.skipped().size());
        assertEquals("b", choice.skipped().getFirst().sopInstanceUid());
        assertTrue(choice.skipped().getFirst().reason().contains("256×256"), choice.skipped().toString());
    }

    @Test
    void aStudyWithoutAnAxialSeriesHasNothingToClassify() {
        SeriesChoice.Choice choice = SeriesChoice.choose(List.of(slice("a", "s", 1, 0.0, 5.0, false, 512)), 5);
        assertTrue(choice.series().isEmpty());
        assertTrue(choice.ordered().isEmpty());
        assertTrue(choice.why().contains("no axial series"), choice.why());
    }
}
