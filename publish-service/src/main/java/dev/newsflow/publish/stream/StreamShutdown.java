package dev.newsflow.publish.stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Ends every open stream (live or replaying) when the instance stops, before the web server's graceful shutdown
 * waits for responses to finish: a stream never finishes by itself, so shutdown would otherwise wait out its whole
 * timeout. Clients resume with their last id on another instance (or this one, restarted); positions are in the
 * log, so nothing is lost. Streams opened after that end at once. Concurrency: one sink, safe from any thread.
 */
@Component
class StreamShutdown implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StreamShutdown.class);

    private final Sinks.One<Boolean> stopping = Sinks.one();
    private volatile boolean running;

    /** Emits when the instance stops (at once for a stream that subscribes later). */
    Mono<Boolean> stopping() {
        return stopping.asMono();
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        if (stopping.tryEmitValue(Boolean.TRUE).isSuccess()) {
            log.info("Stopping: open streams end now; their clients resume from their last event id");
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    // Stopped before (a higher phase than) the web server's graceful shutdown.
    @Override
    public int getPhase() {
        return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE + 1;
    }
}
