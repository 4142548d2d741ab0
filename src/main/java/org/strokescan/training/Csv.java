package org.strokescan.training;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The CSV files of training and the CLI (manifests, out-of-fold and fold files, predictions), through Commons CSV:
 * RFC 4180 quoting (a value with a comma, quote or line end is quoted, a quote doubled), {@code \n} line ends
 * written, {@code \n} or {@code \r\n} read, the first row the header, columns found by name.
 */
public final class Csv {

    /** Written: RFC 4180, minimal quoting, {@code \n} after every row (as the committed files have). */
    private static final CSVFormat WRITTEN = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();

    /** Read: the first row names the columns; empty lines are skipped; a header cell may be empty. */
    private static final CSVFormat READ = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
            .setAllowMissingColumnNames(true).get();

    private Csv() {
    }

    /** A printer that has written {@code header} to {@code out}; {@code comments} go before it as {@code # } lines. */
    public static CSVPrinter printer(Appendable out, List<String> comments, String... header) throws IOException {
        CSVFormat.Builder format = WRITTEN.builder().setHeader(header);
        if (!comments.isEmpty()) {
            format.setCommentMarker('#').setHeaderComments(comments.toArray(String[]::new));
        }
        return format.get().print(out);
    }

    /** A printer that has written {@code header} to {@code out}. */
    public static CSVPrinter printer(Appendable out, String... header) throws IOException {
        return printer(out, List.of(), header);
    }

    /** The whole file: its header, the rows after it, and the {@code #} lines before the header (or null). */
    public static Table read(Path file) throws IOException {
        return read(file, false);
    }

    /** As {@link #read(Path)}, where lines that start with {@code #} are comments. */
    public static Table readCommented(Path file) throws IOException {
        return read(file, true);
    }

    private static Table read(Path file, boolean comments) throws IOException {
        CSVFormat format = comments ? READ.builder().setCommentMarker('#').get() : READ;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = format.parse(reader)) {
            List<String> header = parser.getHeaderNames();
            if (header.isEmpty()) {
                throw new IOException(file + " is empty");
            }
            return new Table(file, header, parser.getHeaderComment(), parser.getRecords());
        } catch (java.io.UncheckedIOException e) {
            throw new IOException(file + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** A CSV file read whole. */
    public record Table(Path file, List<String> header, String comment, List<CSVRecord> rows) {

        /** Whether the header names {@code column}. */
        public boolean has(String column) {
            return header.contains(column);
        }

        /** Fails, naming the file and the first column missing, unless the header names every one of {@code columns}. */
        public Table require(String... columns) throws IOException {
            for (String column : columns) {
                if (!has(column)) {
                    throw new IOException(file + " has no column " + column);
                }
            }
            return this;
        }
    }
}
