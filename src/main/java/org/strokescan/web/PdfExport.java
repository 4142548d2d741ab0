package org.strokescan.web;

import com.lowagie.text.Document;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPTable;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collection;
import org.primefaces.component.export.PDFOptions;
import org.primefaces.component.export.PDFOrientationType;

/**
 * How a table exported as PDF is laid out so that it can be read: landscape A4, 8 pt Helvetica, each column as wide as
 * what it holds, the header row on every page, and a title saying what was exported, by whom, when and with which
 * filter. It goes through PrimeFaces' own DataExporter hooks: {@code options} (page and font), {@code onTableRender}
 * (columns) and {@code preProcessor} (title); the page gives {@code encoding="Cp1252"} (see auditor/events.xhtml).
 */
public final class PdfExport {

    /** The font's encoding: PrimeFaces' default (UTF-8) drops every accented letter with the built-in fonts. */
    public static final String ENCODING = BaseFont.CP1252;
    static final float FONT_SIZE = 8;
    /** Room for text on a landscape A4 page: OpenPDF's default margins are 36 pt on each side. */
    static final float PAGE_WIDTH = PageSize.A4.getHeight() - 2 * 36;
    /** The widest form of a stored moment as exported ({@code Instant.toString()}, microseconds as the database keeps). */
    public static final String INSTANT = "2026-12-31T23:59:59.999999Z";
    /** As wide as a {@code double} written out by {@code Double.toString}: 20 digits at most (0.00 and 17 more). */
    public static final String WIDEST_DOUBLE = "0.0000000000000000000";
    /** A cell's padding, left and right (OpenPDF's default of 2 pt each) and a little room for rounding. */
    private static final float PADDING = 2 * 2 + 1;

    private static final BaseFont MEASURE = font(FontFactory.HELVETICA);
    private static final BaseFont MEASURE_BOLD = font(FontFactory.HELVETICA_BOLD);

    private PdfExport() {
    }

    /** Landscape A4, Helvetica 8 pt in the cells, a bold grey header row. */
    public static PDFOptions options() {
        PDFOptions options = new PDFOptions();
        options.setOrientation(PDFOrientationType.LANDSCAPE);
        options.setFontName(FontFactory.HELVETICA);
        options.setCellFontSize(Integer.toString((int) FONT_SIZE));
        options.setFacetFontSize(Integer.toString((int) FONT_SIZE));
        options.setFacetFontStyle("BOLD");
        options.setFacetBgColor("#E4E7EB");
        return options;
    }

    /**
     * Gives the table the whole page width, its columns these widths and its header row on every page. Called by
     * PrimeFaces before the first row is added (the {@code onTableRender} hook hands over the table as an Object).
     */
    public static void layOut(Object table, Column... columns) {
        PdfPTable pdf = (PdfPTable) table;
        if (pdf.getNumberOfColumns() != columns.length) {
            throw new IllegalStateException("the PDF layout names " + columns.length + " columns but the table exports "
                    + pdf.getNumberOfColumns() + ": keep the view's columns in step with the page");
        }
        pdf.setWidthPercentage(100);
        pdf.setWidths(widths(columns));
        pdf.setHeaderRows(1);
    }

    /**
     * Column widths in points that fill the page: a {@link Column#fit fitted} column is as wide as its widest value,
     * the others share what is left by their weights.
     */
    static float[] widths(Column... columns) {
        float fitted = 0;
        float weights = 0;
        for (Column column : columns) {
            fitted += column.points();
            weights += column.share();
        }
        float rest = Math.max(0, PAGE_WIDTH - fitted);
        float[] widths = new float[columns.length];
        for (int i = 0; i < columns.length; i++) {
            widths[i] = columns[i].points() + (weights == 0 ? 0 : rest * columns[i].share() / weights);
        }
        return widths;
    }

    /** The title above the table: one bold line, then a smaller line of who exported it, when and with which filter. */
    public static void title(Object document, String title, String details) {
        Paragraph heading = new Paragraph(printable(title),
                FontFactory.getFont(FontFactory.HELVETICA_BOLD, ENCODING, false, 11));
        Paragraph byline = new Paragraph(printable(details),
                FontFactory.getFont(FontFactory.HELVETICA, ENCODING, false, FONT_SIZE));
        byline.setSpacingAfter(6);
        ((Document) document).add(heading);
        ((Document) document).add(byline);
    }

    /**
     * The line under the title: who exported, when (server time, with its zone) and with which filter.
     *
     * @param filter the filter as its query writes it, or null for none
     */
    public static String byline(String username, String filter) {
        return Messages.text("pdf.byline", username, Messages.dateTime(Instant.now()), ZoneId.systemDefault().getId(),
                filter != null ? filter : Messages.text("pdf.noFilter"));
    }

    /** Java's dates put a narrow no-break space before "AM"; the font's encoding has none and would drop it. */
    private static String printable(String text) {
        return text.replace('\u202F', ' ');
    }

    /** Width of a text in the cells' font, in points. */
    static float width(String text) {
        return MEASURE.getWidthPoint(text, FONT_SIZE);
    }

    /**
     * One column of the layout.
     *
     * @param points fixed width, in points
     * @param share  weight in the room the fixed widths leave
     */
    public record Column(float points, float share) {

        /**
         * As wide as the widest of these values, or of the header's words (bold; a header may wrap between its
         * words), so that none of them is ever broken; the column takes no more.
         */
        public static Column fit(String header, Collection<String> values) {
            float widest = 0;
            for (String word : header.split("\\s+")) {
                widest = Math.max(widest, MEASURE_BOLD.getWidthPoint(word, FONT_SIZE));
            }
            for (String value : values) {
                widest = Math.max(widest, width(value));
            }
            return new Column(widest + PADDING, 0);
        }

        public static Column fit(String header, String... values) {
            return fit(header, Arrays.asList(values));
        }

        /** A share of the room left, for free text that wraps between words. */
        public static Column share(float weight) {
            return new Column(0, weight);
        }
    }

    private static BaseFont font(String name) {
        return FontFactory.getFont(name, ENCODING, false, FONT_SIZE).getBaseFont();
    }
}
