package org.strokescan.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.strokescan.inference.control.ImageClassifier;
import org.strokescan.inference.control.ImageIntake;
import org.strokescan.inference.control.Preprocessor;
import org.strokescan.inference.control.StrokeModel;
import org.strokescan.inference.entity.IntakeResult;
import org.strokescan.inference.entity.PreparedImage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code benchmark --images DIR [--model DIR] [--calls 300] [--seconds 10] [--pool-size 2] [--max-batch 8]
 * [--out target/benchmark]}: latency of the bare engine on prepared tensors, of decode + gate + preprocessing +
 * engine, and throughput with 1, 2, 4 and 8 concurrent callers, on the same model and images — once with one image
 * per engine call, once batched as the server runs it. Writes {@code inference.md} and {@code inference.json}.
 */
@Command(name = "benchmark", sortOptions = false,
        description = {"Measure engine latency, end-to-end latency and concurrent throughput (Markdown + JSON).",
            "",
            "Latency of the bare engine on prepared tensors and of decode + gate + preprocessing + engine,"
                + " then throughput and CPU per image with 1, 2, 4 and 8 concurrent callers, once with one image per"
                + " engine call and once batched as the server runs it. Writes inference.md and inference.json."})
final class BenchmarkCommand implements Callable<Integer> {

    /** One throughput measurement. */
    private record Row(int callers, double imagesPerSecond, double medianMs, double p95Ms, double cpuMsPerImage,
                       double meanBatch) {
    }

    private static final int[] CALLERS = {1, 2, 4, 8};

    @Mixin
    HelpOption help;

    @Option(names = "--images", required = true, paramLabel = "DIR",
            description = "A folder of PNG/JPEG images (the first 200 in path order are used).")
    Path images;

    @Option(names = "--model", paramLabel = "DIR", description = CliConfig.MODEL_HELP)
    Path modelFolder;

    @Option(names = "--calls", defaultValue = "300", paramLabel = "N",
            description = "Timed calls for each latency row (default: ${DEFAULT-VALUE}).")
    int calls;

    @Option(names = "--seconds", defaultValue = "10", paramLabel = "S",
            description = "Seconds per throughput row (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--pool-size", descriptionKey = "strokescan.inference.pool-size", paramLabel = "N",
            description = "Predictors of the batched rows: the server's pool, strokescan.inference.pool-size"
                    + " (default: ${DEFAULT-VALUE}).")
    int poolSize;

    @Option(names = "--max-batch", descriptionKey = "strokescan.inference.max-batch", paramLabel = "N",
            description = "Most images per engine call in the batched rows: the server's"
                    + " strokescan.inference.max-batch (default: ${DEFAULT-VALUE}).")
    int maxBatch;

    @Option(names = "--out", defaultValue = "target/benchmark", paramLabel = "DIR",
            description = "Folder for inference.md and inference.json (default: ${DEFAULT-VALUE}).")
    Path report;

    private final CliContext context;

    BenchmarkCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = context.out();
        Path folder = context.config().modelFolder(modelFolder);
        List<byte[]> files = read(images, 200);
        ImageIntake intake = new ImageIntake();
        // one predictor per caller for single-image calls; the server's pool and batch size for the batched rows
        try (StrokeModel model = StrokeModel.load(folder, CALLERS[CALLERS.length - 1]);
             StrokeModel served = StrokeModel.load(folder, poolSize)) {
            ImageClassifier classifier = new ImageClassifier(intake, model);
            ImageClassifier batched = new ImageClassifier(intake, served, maxBatch);
            Preprocessor preprocessor = new Preprocessor(model.card().preprocessing());
            List<PreparedImage> prepared = new ArrayList<>();
            for (byte[] file : files) {
                if (intake.read(file) instanceof IntakeResult.Accepted accepted) {
                    prepared.add(preprocessor.prepare(accepted.image()));
                }
            }
            // until the JIT has compiled decoding, gate and preprocessing, a call costs up to half as much again
            for (int i = 0; i < 500; i++) {
                model.probability(prepared.get(i % prepared.size()));
                classifier.classify(files.get(i % files.size()));
            }
            double[] engine = new double[calls];
            for (int i = 0; i < calls; i++) {
                long start = System.nanoTime();
                model.probability(prepared.get(i % prepared.size()));
                engine[i] = (System.nanoTime() - start) / 1e6;
            }
            double[] endToEnd = new double[calls];
            for (int i = 0; i < calls; i++) {
                long start = System.nanoTime();
                classifier.classify(files.get(i % files.size()));
                endToEnd[i] = (System.nanoTime() - start) / 1e6;
            }
            List<Row> single = new ArrayList<>();
            List<Row> grouped = new ArrayList<>();
            for (int callers : CALLERS) {
                single.add(throughput(classifier, files, callers, seconds));
                grouped.add(throughput(batched, files, callers, seconds));
            }
            long rss = residentSetKb();
            String markdown = markdown(model, files.size(), engine, endToEnd, single, grouped, poolSize, maxBatch, rss,
                    seconds);
            String json = json(model, engine, endToEnd, single, grouped, poolSize, maxBatch, rss);
            Files.createDirectories(report);
            Files.writeString(report.resolve("inference.md"), markdown, StandardCharsets.UTF_8);
            Files.writeString(report.resolve("inference.json"), json, StandardCharsets.UTF_8);
            out.print(markdown);
            out.println("written to " + report.resolve("inference.md") + " and inference.json");
        }
        return 0;
    }

    /** Images per second, latency and process CPU per image with {@code callers} threads classifying for {@code seconds}. */
    private static Row throughput(ImageClassifier classifier, List<byte[]> files, int callers, int seconds)
            throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        List<Future<List<Double>>> results = new ArrayList<>();
        long[] batchesBefore = classifier.batchesAndImages();
        long cpuBefore = processCpuNanos();
        long start = System.nanoTime();
        for (int c = 0; c < callers; c++) {
            int offset = c;
            results.add(pool.submit(() -> {
                List<Double> latencies = new ArrayList<>();
                for (int i = offset; running.get(); i += callers) {
                    long t = System.nanoTime();
                    classifier.classify(files.get(i % files.size()));
                    latencies.add((System.nanoTime() - t) / 1e6);
                }
                return latencies;
            }));
        }
        Thread.sleep(seconds * 1000L);
        running.set(false);
        List<Double> all = new ArrayList<>();
        for (Future<List<Double>> result : results) {
            all.addAll(result.get());
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        double cpuMs = (processCpuNanos() - cpuBefore) / 1e6;
        long[] batchesAfter = classifier.batchesAndImages();
        pool.shutdown();
        double[] latencies = all.stream().mapToDouble(Double::doubleValue).toArray();
        return new Row(callers, all.size() / elapsed, percentile(latencies, 50), percentile(latencies, 95),
                cpuMs / all.size(), (double) (batchesAfter[1] - batchesBefore[1])
                / Math.max(1, batchesAfter[0] - batchesBefore[0]));
    }

    /** CPU time of this whole process, TensorFlow's own threads included. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static List<byte[]> read(Path folder, int limit) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            List<Path> paths = walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(png|jpe?g)"))
                    .sorted().limit(limit).toList();
            if (paths.isEmpty()) {
                throw new IllegalArgumentException("no PNG or JPEG images in " + folder);
            }
            List<byte[]> files = new ArrayList<>();
            for (Path p : paths) {
                files.add(Files.readAllBytes(p));
            }
            return files;
        }
    }

    static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.clamp(index, 0, sorted.length - 1)];
    }

    private static long residentSetKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    private static String markdown(StrokeModel model, int images, double[] engine, double[] endToEnd,
                                   List<Row> single, List<Row> batched, int poolSize, int maxBatch, long rss,
                                   int seconds) {
        StringBuilder md = new StringBuilder();
        md.append("# Inference benchmark\n\n");
        md.append(String.format(Locale.ROOT, "%s, model %s (sha256 %s…) on %s, %d images, %d cores, Java %s.%n%n",
                Instant.now(), model.card().id(), model.checksum().substring(0, 12), model.device(), images,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version")));
        md.append("| path | calls | median ms | p95 ms |\n|---|---:|---:|---:|\n");
        md.append(String.format(Locale.ROOT, "| engine only (prepared %d² tensor → probability) | %d | %.2f | %.2f |%n",
                model.card().preprocessing().inputSize(), engine.length, percentile(engine, 50), percentile(engine, 95)));
        md.append(String.format(Locale.ROOT, "| decode + gate + preprocess + engine | %d | %.2f | %.2f |%n%n",
                endToEnd.length, percentile(endToEnd, 50), percentile(endToEnd, 95)));
        md.append(String.format(Locale.ROOT, "Throughput (decode + gate + preprocess + engine), %d s per row; one image"
                + " per engine call with one predictor per caller, and batched as the server runs it (%d predictors, up"
                + " to %d images per call):%n%n", seconds, poolSize, maxBatch));
        md.append("| callers | one per call: images/s | median ms | p95 ms | CPU ms/image"
                + " | batched: images/s | median ms | p95 ms | CPU ms/image | mean batch |\n"
                + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int i = 0; i < single.size(); i++) {
            Row one = single.get(i);
            Row many = batched.get(i);
            md.append(String.format(Locale.ROOT, "| %d | %.1f | %.2f | %.2f | %.1f | %.1f | %.2f | %.2f | %.1f | %.2f |%n",
                    one.callers(), one.imagesPerSecond(), one.medianMs(), one.p95Ms(), one.cpuMsPerImage(),
                    many.imagesPerSecond(), many.medianMs(), many.p95Ms(), many.cpuMsPerImage(), many.meanBatch()));
        }
        md.append(String.format(Locale.ROOT, "%nResident set size after the run: %d MiB.%n", rss / 1024));
        return md.toString();
    }

    private static String json(StrokeModel model, double[] engine, double[] endToEnd, List<Row> single,
                               List<Row> batched, int poolSize, int maxBatch, long rss) {
        return String.format(Locale.ROOT, "{\"model\":\"%s\",\"checksum\":\"%s\",\"device\":\"%s\",\"cores\":%d,"
                        + "\"engine\":{\"calls\":%d,\"medianMs\":%.3f,\"p95Ms\":%.3f},"
                        + "\"endToEnd\":{\"calls\":%d,\"medianMs\":%.3f,\"p95Ms\":%.3f},\"throughput\":[%s],"
                        + "\"batched\":{\"poolSize\":%d,\"maxBatch\":%d,\"throughput\":[%s]},\"rssKb\":%d}%n",
                model.card().id(), model.checksum(), model.device(), Runtime.getRuntime().availableProcessors(),
                engine.length, percentile(engine, 50), percentile(engine, 95), endToEnd.length,
                percentile(endToEnd, 50), percentile(endToEnd, 95), rows(single), poolSize, maxBatch, rows(batched), rss);
    }

    private static String rows(List<Row> rows) {
        return String.join(",", rows.stream().map(row -> String.format(Locale.ROOT,
                "{\"callers\":%d,\"imagesPerSecond\":%.2f,\"medianMs\":%.3f,\"p95Ms\":%.3f,\"cpuMsPerImage\":%.3f,"
                        + "\"meanBatch\":%.3f}", row.callers(), row.imagesPerSecond(), row.medianMs(), row.p95Ms(),
                row.cpuMsPerImage(), row.meanBatch())).toList());
    }
}
