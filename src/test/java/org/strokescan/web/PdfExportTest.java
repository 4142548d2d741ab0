package org.strokescan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lowagie.text.Document;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.PdfWriter;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.primefaces.component.export.PDFOrientationType;
import org.strokescan.audit.entity.AuditAction;
import org.strokescan.web.PdfExport.Column;

class PdfExportTest {

    private static final List<String> ACTIONS = Arrays.stream(AuditAction.values()).map(Enum::name).toList();

    @Test
    void fittedColumnsHoldTheirWidestValueAndTheOthersShareTheRestOfTheLandscapePage() {
        float[] widths = PdfExport.widths(Column.fit("Action", ACTIONS), Column.share(1), Column.share(3));

        assertEquals(PdfExport.PAGE_WIDTH, widths[0] + widths[1] + widths[2], 0.01, "the whole width of the page");
        assertEquals(770, PdfExport.PAGE_WIDTH, 0.01, "landscape A4 less 36 pt margins");
        for (String action : ACTIONS) {
            assertTrue(PdfExport.width(action) + 4 < widths[0], action + " fits its column with the cell's padding");
        }
        assertEquals(3 * widths[1], widths[2], 0.01, "free text shares what is left by weight");
    }

    @Test
    void aHeaderWidensItsColumnOnlyByItsLongestWordSinceItMayWrapBetweenWords() {
        float narrow = PdfExport.widths(Column.fit("Outcome", "SUCCESS"), Column.share(1))[0];
        float longHeader = PdfExport.widths(Column.fit("Outcome of the event", "SUCCESS"), Column.share(1))[0];
        float longWord = PdfExport.widths(Column.fit("Resultadoprolongado", "SUCCESS"), Column.share(1))[0];

        assertEquals(narrow, longHeader, 0.01);
        assertTrue(longWord > narrow + 20, "one long word widens it: " + longWord + " vs " + narrow);
    }

    @Test
    void everyDoubleAsExportedFitsTheColumnSizedForTheWidest() {
        float column = PdfExport.widths(Column.fit("", PdfExport.WIDEST_DOUBLE), Column.share(1))[0];
        for (double value : new double[] {0.0056895129472133946, 0.056895129472133946, 0.25743967294692993,
                1.2345678901234567e-4, 9.876543210987654e-10, Double.MIN_VALUE, 1.0}) {
            String exported = Double.toString(value);
            assertTrue(PdfExport.width(exported) + 4 < column, exported + " would break inside the number");
        }
    }

    @Test
    void aLayoutThatNamesOtherColumnsThanTheTableIsRefusedWithBothCounts() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> PdfExport.layOut(new PdfPTable(3), Column.share(1), Column.share(1)));
        assertTrue(refused.getMessage().contains("2 columns") && refused.getMessage().contains("exports 3"),
                refused.getMessage());
    }

    @Test
    void optionsAskForLandscapeAndASmallFont() {
        assertEquals(PDFOrientationType.LANDSCAPE, PdfExport.options().getOrientation());
        assertEquals("8", PdfExport.options().getCellFontSize());
    }

    /**
     * The layout as PrimeFaces' exporter applies it (landscape A4, Helvetica 8 pt paragraphs in cells, the header
     * repeated): 100 one-line records of the audit trail's widest values take at most three pages, not the 25 the
     * portrait default needed.
     */
    @Test
    void aHundredRecordsFitOnThreePagesWithTheHeaderOnEach() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4.rotate());
        PdfWriter.getInstance(document, out);
        document.open();
        Font font = FontFactory.getFont(FontFactory.HELVETICA, PdfExport.ENCODING, false, 8);
        PdfPTable table = new PdfPTable(4);
        PdfExport.layOut(table, Column.fit("When", PdfExport.INSTANT), Column.share(2), Column.fit("Action", ACTIONS),
                Column.share(4));
        for (String header : List.of("When", "Who", "Action", "Detail")) {
            table.addCell(new PdfPCell(new Paragraph(header, font)));
        }
        for (int i = 0; i < 100; i++) {
            for (String value : List.of(PdfExport.INSTANT, "system:account-seeding", "CHECKPOINTS_EXPORTED",
                    "PDF rows=93 filter=actor=auditor1 subject=/admin/x")) {
                table.addCell(new PdfPCell(new Paragraph(value, font)));
            }
        }
        document.add(table);
        document.close();

        PdfReader pdf = new PdfReader(out.toByteArray());
        assertTrue(pdf.getNumberOfPages() <= 3, pdf.getNumberOfPages() + " pages");
        assertEquals(90, pdf.getPageRotation(1), "landscape");
        assertEquals(1, table.getHeaderRows());
    }
}
