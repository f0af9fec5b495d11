package dev.newsflow.publish.api;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * A stream's events are fanned out on the Kafka consumer's thread to every subscriber. With automatic context
 * propagation each operator would restore the subscriber's request observation (a tracing scope, the MDC) around
 * every event, for every subscriber: most of the fan-out's cost. So a stream's response is written without the
 * request's thread-local values; the request itself is still observed (started and stopped) as any other.
 */
@Component
class StreamContextFilter implements WebFilter {

    static final String STREAM_PATH = "/api/articles/stream";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!exchange.getRequest().getPath().pathWithinApplication().value().equals(STREAM_PATH)) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange).contextWrite(StreamContextFilter::withoutThreadLocalValues);
    }

    private static Context withoutThreadLocalValues(Context context) {
        Context result = context;
        for (ThreadLocalAccessor<?> accessor : ContextRegistry.getInstance().getThreadLocalAccessors()) {
            result = result.delete(accessor.key());
        }
        return result;
    }
}
