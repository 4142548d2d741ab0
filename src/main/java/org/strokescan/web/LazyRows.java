package org.strokescan.web;

import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

/**
 * The rows of a lazy {@code p:dataTable}, counted, filtered, sorted and paged by a boundary in the database: the
 * page's own filter form (not the table's column filters) makes the query, the table's first sorted column picks
 * the order, and rows are keyed by the value's id; they are not selectable ({@link #getRowData(String)} gives
 * null). Also holds the two rules every filter form follows: a date range is whole local days, and a blank text
 * field filters nothing.
 *
 * @param <T> the row type
 */
public final class LazyRows<T> extends LazyDataModel<T> {

    private static final long serialVersionUID = 1L;

    /** The number of rows the current filter matches. */
    @FunctionalInterface
    public interface Count extends Serializable {
        long count();
    }

    /** One page of rows the current filter matches, ordered by {@code field}. */
    @FunctionalInterface
    public interface Page<T> extends Serializable {
        List<T> load(int first, int pageSize, String field, boolean ascending);
    }

    /** A row's key, unique within the table. */
    @FunctionalInterface
    public interface Key<T> extends Serializable {
        String of(T row);
    }

    private final String defaultField;
    private final Key<T> key;
    private final Count count;
    private final Page<T> page;

    /**
     * @param defaultField the order when no column is sorted (newest first): a field the boundary sorts by, or null
     *                     where the boundary has one order only
     */
    public LazyRows(String defaultField, Key<T> key, Count count, Page<T> page) {
        this.defaultField = defaultField;
        this.key = Objects.requireNonNull(key, "key");
        this.count = Objects.requireNonNull(count, "count");
        this.page = Objects.requireNonNull(page, "page");
    }

    /**
     * What a session copy (a cluster's other node) holds: the table's query without the page loaded last, which is
     * read again at the next render and whose rows need not be serializable.
     */
    @Serial
    private Object writeReplace() {
        return new LazyRows<>(defaultField, key, count, page);
    }

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        return (int) Math.min(Integer.MAX_VALUE, count.count());
    }

    /** Sorted by the first column the table sorts by, descending unless it says ascending; else by the default. */
    @Override
    public List<T> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
        SortMeta sort = sortBy == null ? null : sortBy.values().stream().findFirst().orElse(null);
        String field = sort == null ? defaultField : sort.getField();
        boolean ascending = sort != null && sort.getOrder() == SortOrder.ASCENDING;
        return page.load(first, pageSize, field, ascending);
    }

    @Override
    public String getRowKey(T row) {
        return key.of(row);
    }

    @Override
    public T getRowData(String rowKey) {
        return null; // rows carry their own links and buttons instead of being selected
    }

    /** The first instant of a day in the server's zone, or null (no lower bound) for no day. */
    public static Instant startOf(LocalDate day) {
        return day == null ? null : day.atStartOfDay(ZoneId.systemDefault()).toInstant();
    }

    /** The first instant after a day in the server's zone (an exclusive upper bound that keeps the whole day). */
    public static Instant endOf(LocalDate day) {
        return day == null ? null : day.plusDays(1).atStartOfDay(ZoneId.systemDefault()).toInstant();
    }

    /** A typed filter value without surrounding blanks; null, which filters nothing, when nothing was typed. */
    public static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
