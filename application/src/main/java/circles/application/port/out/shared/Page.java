package circles.application.port.out.shared;

import java.util.List;
import java.util.function.Function;

/** One page of results and the cursor of the next page (null on the last one). */
public record Page<T>(List<T> items, String nextCursor) {
    public Page {
        items = List.copyOf(items);
    }

    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        return new Page<>(items.stream().<R>map(mapper).toList(), nextCursor);
    }
}
