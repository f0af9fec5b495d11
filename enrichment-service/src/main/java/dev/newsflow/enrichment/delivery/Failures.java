package dev.newsflow.enrichment.delivery;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import org.apache.kafka.common.errors.RetriableException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Tells failures that will pass (an unreachable MongoDB or broker) from the rest. */
public final class Failures {

    private Failures() {
    }

    /** Whether {@code failure}, or anything that caused it, means a dependency is unavailable for now. */
    public static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof StoreUnavailableException || cause instanceof RetriableException
                    || cause instanceof TimeoutException || isTransientMongo(cause)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code operation}, failing with {@link StoreUnavailableException} if it takes longer than {@code timeout} or
     * MongoDB cannot be reached, so that the record is retried until MongoDB is back.
     */
    public static <T> Mono<T> unavailableAfter(Duration timeout, Mono<T> operation) {
        return operation.timeout(timeout)
                .onErrorMap(ex -> ex instanceof TimeoutException || isTransientMongo(ex),
                        ex -> new StoreUnavailableException("MongoDB unavailable: " + ex.getMessage(), ex));
    }

    /**
     * {@code operations}, failing with {@link StoreUnavailableException} if MongoDB does not answer for {@code timeout}
     * between two items or cannot be reached.
     */
    public static <T> Flux<T> unavailableAfter(Duration timeout, Flux<T> operations) {
        return operations.timeout(timeout)
                .onErrorMap(ex -> ex instanceof TimeoutException || isTransientMongo(ex),
                        ex -> new StoreUnavailableException("MongoDB unavailable: " + ex.getMessage(), ex));
    }

    /** Whether the MongoDB driver failed because the server could not be reached or was not ready. */
    public static boolean isTransientMongo(Throwable failure) {
        return failure instanceof MongoSocketException || failure instanceof MongoTimeoutException
                || failure instanceof MongoNotPrimaryException || failure instanceof MongoNodeIsRecoveringException
                || failure instanceof MongoExecutionTimeoutException;
    }
}
