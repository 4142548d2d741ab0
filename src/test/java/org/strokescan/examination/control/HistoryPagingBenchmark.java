package org.strokescan.examination.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.strokescan.examination.entity.Examination;
import org.strokescan.examination.entity.Prediction;
import org.strokescan.examination.entity.PredictionQuery;
import org.strokescan.examination.entity.RejectedUpload;
import org.strokescan.examination.entity.Review;
import org.strokescan.examination.entity.ReviewState;
import org.strokescan.examination.entity.StoredImage;
import org.strokescan.fhir.entity.OutboxMessage;
import org.strokescan.platform.PagingBenchmark;

/**
 * Benchmark, not a test: one page of the auditor's prediction history (count + 25 rows, as its lazy table asks,
 * and the charts' statistics) over 50,000 predictions in 2,500 examinations of 20 slices, on H2 and PostgreSQL,
 * through the server's repository and queries. Medians of 15 runs after 5 warm-up runs. Run (see the README):
 * {@code mvn -q test-compile exec:exec -Dhistory.benchmark}.
 */
public final class HistoryPagingBenchmark {

    private static final int EXAMINATIONS = 2_500;
    private static final int SLICES = 20;
    private static final int PAGE = 25;
    private static final Instant START = Instant.parse("2026-10-01T00:00:00Z");
    /** One examination every 10 minutes: about 17 days. */
    private static final long SECONDS_APART = 600;

    public static void main(String[] args) throws Exception {
        PagingBenchmark.run("history-paging-benchmark", List.of(Prediction.class, Examination.class, Review.class,
                RejectedUpload.class, StoredImage.class, OutboxMessage.class), HistoryPagingBenchmark::fill, em -> {
                    PredictionRepository r = new PredictionRepository();
                    r.em = em;
                    Instant day = START.plusSeconds(10 * 86_400);
                    PredictionQuery oneDay = new PredictionQuery(day, day.plusSeconds(86_400), null, null, null, null,
                            null, null, null, null, null);
                    Map<String, Runnable> pages = new LinkedHashMap<>();
                    pages.put("newest page, no filter", () -> page(r, PredictionQuery.ALL, 0, "createdAt"));
                    pages.put("page 1,000 (rows 25,000–25,024)", () -> page(r, PredictionQuery.ALL, 25_000, "createdAt"));
                    pages.put("sorted by probability", () -> page(r, PredictionQuery.ALL, 0, "probability"));
                    pages.put("one clinician, one day", () -> page(r, new PredictionQuery(day, day.plusSeconds(86_400),
                            "clinician3", null, null, null, null, null, null, null, null), 0, "createdAt"));
                    pages.put("one patient", () -> page(r, new PredictionQuery(null, null, null, "MRN-01234", null, null,
                            null, null, null, null, null), 0, "createdAt"));
                    pages.put("probability 0.9–1, amended", () -> page(r, new PredictionQuery(null, null, null, null, null,
                            null, 0.9, 1.0, ReviewState.AMENDED, null, null), 0, "createdAt"));
                    pages.put("delivery FAILED", () -> page(r, new PredictionQuery(null, null, null, null, null, null,
                            null, null, null, "FAILED", null), 0, "createdAt"));
                    pages.put("clinician disagreed with the AI", () -> page(r, new PredictionQuery(null, null, null, null,
                            null, null, null, null, null, null, Boolean.FALSE), 0, "createdAt"));
                    pages.put("charts, no filter (all 50,000)", () -> r.statistics(PredictionQuery.ALL, 100_000));
                    pages.put("charts, one day", () -> r.statistics(oneDay, 100_000));
                    return pages;
                });
    }

    private static void page(PredictionRepository repository, PredictionQuery query, int first, String sort) {
        repository.count(query);
        if (repository.search(query, first, PAGE, sort, false).isEmpty()) {
            throw new IllegalStateException("no rows for " + query);
        }
    }

    /**
     * 2,500 examinations of 20 slices by ten clinicians; 60% of them signed, a tenth of those amended; each signed
     * one with a report in the outbox, one in twenty of them refused by the EHR.
     */
    private static void fill(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        Random random = new Random(7);
        String image = "0".repeat(64);
        try (PreparedStatement stored = connection.prepareStatement("insert into stored_image (sha256, content,"
                + " format, width, height, stored_at) values (?, ?, 'PNG', 256, 256, ?)");
             PreparedStatement examination = connection.prepareStatement("insert into examination (id, created_at,"
                     + " clinician, patient_id, slice_count, rejected_count, max_probability, verdict, review_state)"
                     + " values (?, ?, ?, ?, ?, 0, ?, ?, ?)");
             PreparedStatement prediction = connection.prepareStatement("insert into prediction (id, created_at,"
                     + " clinician, patient_id, image_sha256, file_name, probability, positive, threshold, model_name,"
                     + " model_version, model_checksum, gate_verdict, latency_micros, examination_id)"
                     + " values (?, ?, ?, ?, ?, ?, ?, ?, 0.5, 'strokescan-ich', ?, ?, 'ACCEPTED', 3000, ?)");
             PreparedStatement review = connection.prepareStatement("insert into review (id, examination_id, sequence,"
                     + " signed_by, signed_at, agrees, verdict, max_probability) values (?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement outbox = connection.prepareStatement("insert into report_outbox (id, examination_id,"
                     + " sequence, kind, patient_id, created_at, state, attempts, next_attempt_at, bundle)"
                     + " values (?, ?, 1, 'FINAL', ?, ?, ?, 1, ?, '{}')")) {
            stored.setString(1, image);
            stored.setBytes(2, new byte[] {1});
            stored.setObject(3, START.atOffset(ZoneOffset.UTC));
            stored.executeUpdate();
            for (int e = 0; e < EXAMINATIONS; e++) {
                String id = String.format("exam-%05d", e);
                String clinician = "clinician" + e % 10;
                String patient = String.format("MRN-%05d", e);
                Instant at = START.plusSeconds(e * SECONDS_APART);
                double max = 0;
                for (int s = 0; s < SLICES; s++) {
                    double probability = Math.pow(random.nextDouble(), 3);
                    max = Math.max(max, probability);
                    prediction.setString(1, String.format("pred-%05d-%02d", e, s));
                    prediction.setObject(2, at.plusSeconds(s).atOffset(ZoneOffset.UTC));
                    prediction.setString(3, clinician);
                    prediction.setString(4, patient);
                    prediction.setString(5, image);
                    prediction.setString(6, "slice-" + s + ".png");
                    prediction.setDouble(7, probability);
                    prediction.setBoolean(8, probability >= 0.5);
                    prediction.setString(9, e < EXAMINATIONS / 2 ? "1.0.0" : "1.1.0");
                    prediction.setString(10, "c".repeat(64));
                    prediction.setString(11, id);
                    prediction.addBatch();
                }
                boolean signed = e % 10 < 6;
                boolean amended = signed && e % 100 < 6;
                String verdict = max >= 0.5 ? "SUSPECTED" : "NOT_DETECTED";
                examination.setString(1, id);
                examination.setObject(2, at.atOffset(ZoneOffset.UTC));
                examination.setString(3, clinician);
                examination.setString(4, patient);
                examination.setInt(5, SLICES);
                examination.setDouble(6, max);
                examination.setString(7, verdict);
                examination.setString(8, amended ? "AMENDED" : signed ? "SIGNED" : "UNREVIEWED");
                examination.addBatch();
                for (int sequence = 1; signed && sequence <= (amended ? 2 : 1); sequence++) {
                    review.setString(1, id + "-review-" + sequence);
                    review.setString(2, id);
                    review.setInt(3, sequence);
                    review.setString(4, clinician);
                    review.setObject(5, at.plusSeconds(300L * sequence).atOffset(ZoneOffset.UTC));
                    review.setBoolean(6, random.nextDouble() < 0.85);
                    review.setString(7, verdict);
                    review.setDouble(8, max);
                    review.addBatch();
                }
                if (signed) {
                    outbox.setString(1, id + "-report");
                    outbox.setString(2, id);
                    outbox.setString(3, patient);
                    outbox.setObject(4, at.plusSeconds(300).atOffset(ZoneOffset.UTC));
                    outbox.setString(5, e % 20 == 0 ? "FAILED" : "SENT");
                    outbox.setObject(6, at.plusSeconds(300).atOffset(ZoneOffset.UTC));
                    outbox.addBatch();
                }
                if (e % 50 == 49) {
                    // parents before children: the foreign keys are checked per statement
                    examination.executeBatch();
                    prediction.executeBatch();
                    review.executeBatch();
                    outbox.executeBatch();
                }
            }
            examination.executeBatch();
            prediction.executeBatch();
            review.executeBatch();
            outbox.executeBatch();
            connection.commit();
        }
    }
}
