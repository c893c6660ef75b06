package circles.adapter.in.rest.http;

import circles.application.port.out.shared.Page;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.function.Function;

/** One page of a list: {@code nextCursor} is null on the last page. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PageResponse<T>(List<T> items, String nextCursor) {

    public static <S, T> PageResponse<T> of(Page<S> page, Function<? super S, ? extends T> mapper) {
        return new PageResponse<>(page.items().stream().<T>map(mapper).toList(), page.nextCursor());
    }
}
