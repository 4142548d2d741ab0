package org.strokescan.monitoring.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.strokescan.examination.entity.ModelTraffic;
import org.strokescan.inference.control.ModelCards;
import org.strokescan.inference.entity.ModelCard;
import org.strokescan.inference.entity.ValidationReference;
import org.strokescan.monitoring.entity.DriftMetric;
import org.strokescan.monitoring.entity.DriftReport;
import org.strokescan.monitoring.entity.DriftThresholds;

/**
 * Generated streams of predictions against the shipped 2.0.0 card's validation reference: drawn from the reference
 * they raise no alarm; shifted (up or down) they raise the alarm of the metric that was shifted.
 */
class DriftCalculationTest {

    private static final ModelCard CARD = ModelCards.read(Path.of(System.getenv().getOrDefault("PROJECT_ROOT", "."))
            .resolve("src/main/models/strokescan-ich/2.0.0"));
    private static final ValidationReference REFERENCE = CARD.reference();
    private static final Instant TO = Instant.parse("2026-12-04T00:00:00Z");
    private static final Instant FROM = TO.minus(Duration.ofDays(7));

    /**
     * What to generate: shifts on the logit scale, shares of refusals and agreement, the image size, and a shift of
     * the images' mean grey level (grey levels, 0–255).
     */
    record Stream(String name, double sliceShift, double studyShift, double refusalShare, double agreement, int size,
                  double greyShift) {

        Stream(String name, double sliceShift, double studyShift, double refusalShare, double agreement, int size) {
            this(name, sliceShift, studyShift, refusalShare, agreement, size, 0);
        }
    }

    static final Stream UNSHIFTED = new Stream("unshifted", 0, 0, 0.02, REFERENCE.studyAgreement(), 256);

    private static DriftReport run(Stream stream, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int sliceCount = 2000;
        List<ModelTraffic.Slice> slices = new ArrayList<>();
        for (int i = 0; i < sliceCount; i++) {
            double p = draw(REFERENCE.sliceQuantiles(), random.nextDouble(), stream.sliceShift());
            double grey = greyAt(random.nextDouble()) + stream.greyShift();
            slices.add(new ModelTraffic.Slice(FROM.plusSeconds(i * 7L * 86_400 / sliceCount), p, p >= CARD.threshold(),
                    stream.size(), stream.size(), grey));
        }
        List<ModelTraffic.Study> studies = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            double p = draw(REFERENCE.studyQuantiles(), random.nextDouble(), stream.studyShift());
            studies.add(new ModelTraffic.Study(p, p >= CARD.studyRule().threshold()));
        }
        long refused = Math.round(stream.refusalShare() * sliceCount / (1 - stream.refusalShare()));
        long reviews = 150;
        long agreements = Math.round(stream.agreement() * reviews);
        ModelTraffic traffic = new ModelTraffic(slices, studies, refused == 0 ? Map.of() : Map.of("GATE: NOT_HEAD_CT",
                refused), reviews, agreements);
        return DriftCalculation.report(TO, FROM, TO, 7, CARD.id(), REFERENCE, traffic, DriftThresholds.DEFAULTS);
    }

    /** The reference's quantile at {@code u}, linear between its percentiles, shifted on the logit scale. */
    static double draw(List<Double> percentiles, double u, double shift) {
        double position = u * 100;
        int below = (int) Math.floor(position);
        int above = Math.min(100, below + 1);
        double p = percentiles.get(below) + (position - below) * (percentiles.get(above) - percentiles.get(below));
        return DriftStatisticsTest.shifted(Math.min(Math.max(p, 1e-6), 1 - 1e-6), shift);
    }

    /** The reference's mean grey level at quantile {@code u}, linear between its percentiles. */
    static double greyAt(double u) {
        List<Double> percentiles = REFERENCE.meanGreyQuantiles();
        double position = u * 100;
        int below = (int) Math.floor(position);
        int above = Math.min(100, below + 1);
        return percentiles.get(below) + (position - below) * (percentiles.get(above) - percentiles.get(below));
    }

    private static Map<String, DriftMetric> metrics(DriftReport report) {
        Map<String, DriftMetric> byName = new LinkedHashMap<>();
        report.metrics().forEach(metric -> byName.put(metric.name(), metric));
        return byName;
    }

    @Test
    void aStreamDrawnFromTheReferenceRaisesNoAlarm() {
        for (long seed = 1; seed <= 10; seed++) {
            DriftReport report = run(UNSHIFTED, seed);
            assertFalse(report.alarm(), "seed " + seed + ": " + report.alarms() + " " + report.metrics());
            assertEquals(10, report.metrics().size());
            assertEquals(10, report.sliceDecileShares().size());
            assertEquals(7, report.flaggedPerDay().size());
        }
    }

    @Test
    void slicesShiftedUpOrDownRaiseThePsiAndKsAlarms() {
        for (double shift : new double[] {2.0, -2.0}) {
            Map<String, DriftMetric> metrics = metrics(run(new Stream("slices", shift, 0, 0.02, REFERENCE.studyAgreement(),
                    256), 3));
            assertTrue(metrics.get("slice.psi").alarm(), "shift " + shift + ": " + metrics.get("slice.psi"));
            assertTrue(metrics.get("slice.ks").alarm(), "shift " + shift + ": " + metrics.get("slice.ks"));
            assertTrue(metrics.get("slice.flagged").alarm(), "shift " + shift + ": " + metrics.get("slice.flagged"));
            assertFalse(metrics.get("study.psi").alarm(), "studies were not shifted");
            assertFalse(metrics.get("refusal.share").alarm());
        }
    }

    @Test
    void studiesShiftedRaiseTheStudyAlarms() {
        for (double shift : new double[] {2.0, -2.0}) {
            Map<String, DriftMetric> metrics = metrics(run(new Stream("studies", 0, shift, 0.02, REFERENCE.studyAgreement(),
                    256), 4));
            assertTrue(metrics.get("study.psi").alarm(), "shift " + shift + ": " + metrics.get("study.psi"));
            assertTrue(metrics.get("study.ks").alarm(), "shift " + shift + ": " + metrics.get("study.ks"));
            assertFalse(metrics.get("slice.psi").alarm(), "slices were not shifted");
        }
        // the reference flags 92 % of its studies: shifted down, far fewer are flagged
        assertTrue(metrics(run(new Stream("studies", 0, -2.0, 0.02, REFERENCE.studyAgreement(), 256), 4))
                .get("study.flagged").alarm());
    }

    @Test
    void manyRefusalsFewerAgreementsAndOtherImageSizesRaiseTheirAlarms() {
        Map<String, DriftMetric> refusals = metrics(run(new Stream("refusals", 0, 0, 0.30, REFERENCE.studyAgreement(),
                256), 5));
        assertTrue(refusals.get("refusal.share").alarm(), refusals.get("refusal.share").toString());
        assertEquals(0.30, refusals.get("refusal.share").value(), 0.001);
        Map<String, DriftMetric> disagreed = metrics(run(new Stream("agreement", 0, 0, 0.02, 0.60, 256), 5));
        assertTrue(disagreed.get("clinician.agreement").alarm(), disagreed.get("clinician.agreement").toString());
        // agreeing more often than in validation is no alarm
        Map<String, DriftMetric> agreed = metrics(run(new Stream("agreement", 0, 0, 0.02, 1.0, 256), 5));
        assertFalse(agreed.get("clinician.agreement").alarm(), agreed.get("clinician.agreement").toString());
        Map<String, DriftMetric> sized = metrics(run(new Stream("size", 0, 0, 0.02, REFERENCE.studyAgreement(), 512), 5));
        assertTrue(sized.get("image.size").alarm());
        assertEquals(1.0, sized.get("image.size").value(), 1e-12);
    }

    @Test
    void imagesBrighterOrDarkerThanTheValidationImagesRaiseTheGreyLevelAlarm() {
        for (double shift : new double[] {15, -15}) {
            Map<String, DriftMetric> metrics = metrics(run(new Stream("grey", 0, 0, 0.02, REFERENCE.studyAgreement(),
                    256, shift), 6));
            assertTrue(metrics.get("image.meanGrey.psi").alarm(), "shift " + shift + ": " + metrics.get("image.meanGrey.psi"));
            assertFalse(metrics.get("slice.psi").alarm(), "the probabilities were not shifted");
        }
        assertFalse(metrics(run(UNSHIFTED, 6)).get("image.meanGrey.psi").alarm());
    }

    @Test
    void fewerObservationsThanTheMinimumRaiseNoAlarm() {
        List<ModelTraffic.Slice> slices = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            slices.add(new ModelTraffic.Slice(FROM, 0.999, true, 512, 512, 250.0));
        }
        DriftReport report = DriftCalculation.report(TO, FROM, TO, 7, CARD.id(), REFERENCE,
                new ModelTraffic(slices, List.of(), Map.of("GATE: COLOUR", 9L), 0, 0), DriftThresholds.DEFAULTS);
        assertFalse(report.alarm(), report.metrics().toString());
        assertTrue(metrics(report).get("slice.psi").value() > 1, "the value is still reported");
        assertNull(metrics(report).get("study.psi").value(), "no studies, no value");
    }

    @Test
    void aSingleSliceGetsNoKolmogorovSmirnovValueButThePsiStillAlarms() {
        DriftThresholds any = new DriftThresholds(0.25, 0.001, 0.15, 0.10, 0.15, 0.5, 1);
        DriftReport report = DriftCalculation.report(TO, FROM, TO, 7, CARD.id(), REFERENCE, new ModelTraffic(
                List.of(new ModelTraffic.Slice(FROM, 0.5, true, 256, 256, 40.0)), List.of(), Map.of(), 0, 0), any);
        assertNull(metrics(report).get("slice.ks").value());
        assertFalse(metrics(report).get("slice.ks").alarm());
        assertTrue(metrics(report).get("slice.psi").alarm(), "one slice fills one decile of ten");
    }

    @Test
    void aCardWithoutReferenceGivesNoMetrics() {
        DriftReport report = DriftCalculation.report(TO, FROM, TO, 7, "strokescan-ich/0.9.0", null,
                new ModelTraffic(List.of(), List.of(), Map.of(), 0, 0), DriftThresholds.DEFAULTS);
        assertTrue(report.metrics().isEmpty());
        assertNull(report.reference());
        assertFalse(report.alarm());
    }

    /** Prints the table of the README and closing note: each stream's metric values and alarms (seed 1). */
    @Test
    void tableOfStreams() {
        List<Stream> streams = List.of(UNSHIFTED,
                new Stream("slices +2 logit", 2, 0, 0.02, REFERENCE.studyAgreement(), 256),
                new Stream("slices -2 logit", -2, 0, 0.02, REFERENCE.studyAgreement(), 256),
                new Stream("studies +2 logit", 0, 2, 0.02, REFERENCE.studyAgreement(), 256),
                new Stream("studies -2 logit", 0, -2, 0.02, REFERENCE.studyAgreement(), 256),
                new Stream("30 % refused", 0, 0, 0.30, REFERENCE.studyAgreement(), 256),
                new Stream("agreement 0.60", 0, 0, 0.02, 0.60, 256),
                new Stream("images 512x512", 0, 0, 0.02, REFERENCE.studyAgreement(), 512),
                new Stream("images +15 grey levels", 0, 0, 0.02, REFERENCE.studyAgreement(), 256, 15),
                new Stream("images -15 grey levels", 0, 0, 0.02, REFERENCE.studyAgreement(), 256, -15));
        StringBuilder table = new StringBuilder("| stream |");
        run(UNSHIFTED, 1).metrics().forEach(metric -> table.append(' ').append(metric.name()).append(" |"));
        table.append(" alarm |\n|---|").append("---|".repeat(run(UNSHIFTED, 1).metrics().size() + 1)).append('\n');
        for (Stream stream : streams) {
            DriftReport report = run(stream, 1);
            table.append("| ").append(stream.name()).append(" |");
            for (DriftMetric metric : report.metrics()) {
                table.append(String.format(Locale.ROOT, " %s%s |", metric.value() == null ? "–"
                        : metric.name().endsWith(".ks") ? String.format(Locale.ROOT, "%.2g", metric.value())
                        : String.format(Locale.ROOT, "%.3f", metric.value()), metric.alarm() ? " **!**" : ""));
            }
            table.append(report.alarm() ? " yes |" : " no |").append('\n');
        }
        System.out.println(table);
        assertFalse(run(UNSHIFTED, 1).alarm());
    }
}
