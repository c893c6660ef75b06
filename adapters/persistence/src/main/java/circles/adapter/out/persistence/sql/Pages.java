package circles.adapter.out.persistence.sql;

import circles.application.port.out.shared.Page;
import circles.application.port.out.shared.PageRequest;

import java.util.List;
import java.util.function.Function;

/** Cuts a page from rows read with one row more than the limit, which tells whether a next page exists. */
public final class Pages {
    private Pages() {
    }

    public static <R, T> Page<T> of(List<R> rows, PageRequest request, Function<R, T> item, Function<R, String> cursorOf) {
        boolean more = rows.size() > request.limit();
        List<R> page = more ? rows.subList(0, request.limit()) : rows;
        return new Page<>(page.stream().map(item).toList(), more ? cursorOf.apply(page.getLast()) : null);
    }

    /** The LIMIT of a page query: one more than asked for. */
    public static int fetchSize(PageRequest request) {
        return request.limit() + 1;
    }
}
