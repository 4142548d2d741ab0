package org.strokescan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

class LazyRowsTest {

    /** A boundary of 57 rows that remembers what it was asked. */
    static final class Source implements Serializable {
        private static final long serialVersionUID = 1L;
        final List<String> asked = new ArrayList<>();

        long count() {
            return 57;
        }

        List<String> page(int first, int pageSize, String field, boolean ascending) {
            asked.add(first + "+" + pageSize + " by " + field + (ascending ? " ascending" : " descending"));
            return IntStream.range(first, Math.min(57, first + pageSize)).mapToObj(i -> "row" + i).toList();
        }
    }

    private final Source source = new Source();
    private final LazyRows<String> rows = new LazyRows<>("createdAt", row -> "key-" + row, source::count, source::page);

    private static Map<String, SortMeta> sortedBy(String field, SortOrder order) {
        Map<String, SortMeta> sortBy = new LinkedHashMap<>();
        sortBy.put(field, SortMeta.builder().field(field).order(order).build());
        return sortBy;
    }

    @Test
    void pagesAreTheBoundarysPagesNewestFirstUnlessAColumnIsSorted() {
        assertEquals(57, rows.count(Map.of()));
        assertEquals(List.of("row50", "row51", "row52", "row53", "row54", "row55", "row56"),
                rows.load(50, 25, Map.of(), Map.of()));
        assertEquals(List.of("50+25 by createdAt descending"), source.asked);
    }

    @Test
    void theFirstSortedColumnPicksFieldAndDirection() {
        rows.load(0, 25, sortedBy("patientId", SortOrder.ASCENDING), Map.of());
        rows.load(25, 25, sortedBy("probability", SortOrder.DESCENDING), Map.of());
        Map<String, SortMeta> two = sortedBy("clinician", SortOrder.ASCENDING);
        two.putAll(sortedBy("modelVersion", SortOrder.DESCENDING));
        rows.load(0, 10, two, Map.of());
        assertEquals(List.of("0+25 by patientId ascending", "25+25 by probability descending",
                "0+10 by clinician ascending"), source.asked);
    }

    @Test
    void aTableWithOneOrderPassesNoField() {
        LazyRows<String> queue = new LazyRows<>(null, row -> row, source::count, source::page);
        queue.load(0, 25, Map.of(), Map.of());
        assertEquals(List.of("0+25 by null descending"), source.asked);
    }

    @Test
    void rowsAreKeyedButNotSelectable() {
        assertEquals("key-row3", rows.getRowKey("row3"));
        assertNull(rows.getRowData("key-row3"));
    }

    @Test
    void survivesTheSessionBeingSerialised() throws IOException, ClassNotFoundException {
        // the page shown last, as the table holds it (rows of an entity type that is not serializable, say)
        rows.setWrappedData(List.of(new Object()));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(rows);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            @SuppressWarnings("unchecked")
            LazyRows<String> copy = (LazyRows<String>) in.readObject();
            assertEquals(57, copy.count(Map.of()));
            assertEquals(List.of("row0"), copy.load(0, 1, Map.of(), Map.of()));
            assertEquals("key-row0", copy.getRowKey("row0"));
        }
    }

    @Test
    void aDateRangeIsWholeLocalDaysAndOpenWithoutDates() {
        ZoneId zone = ZoneId.systemDefault();
        LocalDate day = LocalDate.of(2026, 3, 29);
        assertEquals(day.atStartOfDay(zone).toInstant(), LazyRows.startOf(day));
        assertEquals(LocalDate.of(2026, 3, 30).atStartOfDay(zone).toInstant(), LazyRows.endOf(day));
        assertNull(LazyRows.startOf(null));
        assertNull(LazyRows.endOf(null));
    }

    @Test
    void aBlankFieldFiltersNothingAndTypedTextIsStripped() {
        assertNull(LazyRows.blankToNull(null));
        assertNull(LazyRows.blankToNull(""));
        assertNull(LazyRows.blankToNull(" \t "));
        assertEquals("MRN-1", LazyRows.blankToNull("  MRN-1 "));
    }
}
