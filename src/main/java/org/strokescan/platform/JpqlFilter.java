package org.strokescan.platform;

import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A JPQL {@code where} clause and its named parameters, built together so they cannot disagree. A condition
 * whose value is null is left out, which is how an empty filter field means "any".
 */
public final class JpqlFilter {

    private final List<String> conditions = new ArrayList<>();
    private final Map<String, Object> values = new HashMap<>();

    /** Adds {@code condition} (using {@code :name}) when {@code value} is not null. */
    public JpqlFilter and(String condition, String name, Object value) {
        if (value != null) {
            conditions.add(condition);
            values.put(name, value);
        }
        return this;
    }

    /** {@code " where a and b"}, or empty when nothing filters. */
    public String where() {
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    public <T> TypedQuery<T> bind(TypedQuery<T> query) {
        values.forEach(query::setParameter);
        return query;
    }
}
