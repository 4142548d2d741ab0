package org.strokescan.training;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The evaluation report's plots, drawn with JFreeChart into PNG files. */
final class ReportCharts {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 520;

    static {
        // drawn without a display (CI, servers)
        System.setProperty("java.awt.headless", "true");
    }

    private ReportCharts() {
    }

    /** ROC curves of several score sets over the same slices, each named with its AUC in the legend. */
    static void roc(Path file, String title, Map<String, List<double[]>> curves) throws IOException {
        XYSeriesCollection data = series(curves);
        XYSeries chance = new XYSeries("chance", false);
        chance.add(0, 0);
        chance.add(1, 1);
        data.addSeries(chance);
        save(file, lines(title, "1 − specificity (false-positive rate)", "sensitivity (true-positive rate)", data, false));
    }

    static void precisionRecall(Path file, String title, Map<String, List<double[]>> curves, double prevalence)
            throws IOException {
        XYSeriesCollection data = series(curves);
        XYSeries chance = new XYSeries(String.format(java.util.Locale.ROOT, "prevalence %.3f", prevalence), false);
        chance.add(0, prevalence);
        chance.add(1, prevalence);
        data.addSeries(chance);
        save(file, lines(title, "recall (sensitivity)", "precision", data, false));
    }

    /** Observed haemorrhage rate against mean predicted probability per bin, with the diagonal of perfect calibration. */
    static void reliability(Path file, String title, List<Evaluation.Bin> bins) throws IOException {
        XYSeries model = new XYSeries("model (mean probability → observed rate per bin)", false);
        bins.forEach(b -> model.add(b.meanProbability(), b.observedRate()));
        XYSeries perfect = new XYSeries("perfect calibration", false);
        perfect.add(0, 0);
        perfect.add(1, 1);
        XYSeriesCollection data = new XYSeriesCollection(model);
        data.addSeries(perfect);
        JFreeChart chart = lines(title, "mean predicted probability", "observed share with haemorrhage", data, true);
        XYPlot plot = chart.getXYPlot();
        for (Evaluation.Bin b : bins) {
            XYTextAnnotation count = new XYTextAnnotation("n=" + b.count(), b.meanProbability(), b.observedRate() + 0.04);
            count.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
            plot.addAnnotation(count);
        }
        save(file, chart);
    }

    /** A 2×2 confusion matrix as shaded cells with their counts. */
    static void confusionMatrix(Path file, String title, Evaluation.AtThreshold at) throws IOException {
        // x: predicted (0 no, 1 yes); y: true (0 no, 1 yes)
        double[][] cells = {{0, 1, 0, 1}, {0, 0, 1, 1}, {at.tn(), at.fp(), at.fn(), at.tp()}};
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("count", cells);
        double max = Math.max(1, Math.max(Math.max(at.tn(), at.fp()), Math.max(at.fn(), at.tp())));
        LookupPaintScale scale = new LookupPaintScale(0, max + 1, Color.WHITE);
        for (int step = 0; step <= 10; step++) {
            int shade = 245 - step * 16;
            scale.add(step * max / 10, new Color(shade, shade, 255));
        }
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setPaintScale(scale);
        SymbolAxis predicted = new SymbolAxis("predicted by the model", new String[] {"no haemorrhage", "haemorrhage"});
        SymbolAxis truth = new SymbolAxis("radiologist label", new String[] {"no haemorrhage", "haemorrhage"});
        XYPlot plot = new XYPlot(data, predicted, truth, renderer);
        String[] names = {"TN", "FP", "FN", "TP"};
        for (int i = 0; i < 4; i++) {
            XYTextAnnotation label = new XYTextAnnotation(names[i] + " " + (long) cells[2][i], cells[0][i], cells[1][i]);
            label.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
            plot.addAnnotation(label);
        }
        plot.setBackgroundPaint(Color.WHITE);
        save(file, new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false));
    }

    private static XYSeriesCollection series(Map<String, List<double[]>> curves) {
        XYSeriesCollection data = new XYSeriesCollection();
        curves.forEach((name, points) -> {
            XYSeries series = new XYSeries(name, false);
            points.forEach(p -> series.add(p[0], p[1]));
            data.addSeries(series);
        });
        return data;
    }

    private static JFreeChart lines(String title, String x, String y, XYSeriesCollection data, boolean shapes) {
        JFreeChart chart = ChartFactory.createXYLineChart(title, x, y, data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        int last = data.getSeriesCount() - 1;
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesStroke(i, new BasicStroke(2f));
            renderer.setSeriesShapesVisible(i, shapes && i != last);
        }
        renderer.setSeriesPaint(last, Color.GRAY);
        renderer.setSeriesStroke(last, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {6f, 6f}, 0f));
        plot.setRenderer(renderer);
        for (NumberAxis axis : List.of((NumberAxis) plot.getDomainAxis(), (NumberAxis) plot.getRangeAxis())) {
            axis.setRange(0, 1.02);
        }
        return chart;
    }

    private static void save(Path file, JFreeChart chart) throws IOException {
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    }
}
