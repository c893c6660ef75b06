package circles.adapter.in.rest.http;

import circles.adapter.in.rest.problem.HttpProblem;
import circles.adapter.in.rest.problem.ProblemType;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts a body sent without a declared length (chunked) against its route's limit while it is read, and answers
 * one that exceeds it with a 413 {@code payload-too-large} problem document.
 *
 * <p>Quarkus leaves the limit in the routing context ({@value RouteBodyLimit#STREAMING_LIMIT}: the global
 * {@code quarkus.http.limits.max-body-size}, or a route's own limit put there by {@link RouteBodyLimit}), and the
 * REST layer's body stream enforces it by writing an empty 413 itself and then failing the read, which the endpoint
 * can only turn into a second, impossible answer (and two ERROR log lines). So a route running after every limit
 * route takes the limit out of that key into one of its own, and this reader interceptor, the first to see any
 * body, counts the bytes against it instead: the first byte beyond it fails the read with a problem that is
 * answered like any other, and the connection is closed once the answer is sent, as the rest of the body is
 * never read.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public final class StreamedBodyLimit implements ReaderInterceptor {
    /** Where the route's limit is kept once it is taken out of Quarkus' key. */
    static final String LIMIT = "circles.streamed-body-limit";
    /** After Quarkus' limit route (-2) and {@link RouteBodyLimit}'s (-1); the REST layer routes at 10000. */
    private static final int AFTER_LIMIT_ROUTES = 1;

    private final CurrentVertxRequest current;

    @Inject
    public StreamedBodyLimit(CurrentVertxRequest current) {
        this.current = current;
    }

    /** The route that takes the limit over, installed once the router exists. */
    @Singleton
    static class LimitRoute {
        void install(@Observes Router router) {
            router.route().order(AFTER_LIMIT_ROUTES).handler(context -> {
                Object limit = context.get(RouteBodyLimit.STREAMING_LIMIT);
                if (limit instanceof Long bytes) {
                    context.put(LIMIT, bytes);
                    context.remove(RouteBodyLimit.STREAMING_LIMIT);
                }
                context.next();
            });
        }
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        RoutingContext routing = current.getCurrent();
        Long limit = routing == null ? null : routing.get(LIMIT);
        if (limit != null) {
            context.setInputStream(new Counted(context.getInputStream(), limit, routing));
        }
        return context.proceed();
    }

    /** A body stream that fails with a 413 problem on the first byte beyond {@code limit}. */
    private static final class Counted extends FilterInputStream {
        private final long limit;
        private final RoutingContext routing;
        private long read;

        Counted(InputStream body, long limit, RoutingContext routing) {
            super(body);
            this.limit = limit;
            this.routing = routing;
        }

        @Override
        public int read() throws IOException {
            int next = super.read();
            if (next >= 0) {
                count(1);
            }
            return next;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int got = super.read(buffer, offset, length);
            if (got > 0) {
                count(got);
            }
            return got;
        }

        private void count(int bytes) {
            read += bytes;
            if (read > limit) {
                // The rest of the body stays unread: the connection cannot carry another request.
                routing.addEndHandler(ended -> routing.request().connection().close());
                throw new HttpProblem(ProblemType.PAYLOAD_TOO_LARGE, "The request body exceeds " + limit
                        + " bytes, the most this operation takes.");
            }
        }
    }
}
