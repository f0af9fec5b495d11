package dev.newsflow.enrichment.delivery;

import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import org.apache.kafka.common.errors.RetriableException;

/** Tells failures that will pass (an unreachable MongoDB or broker) from the rest. */
public final class Failures {

    private Failures() {
    }

    /** Whether {@code failure}, or anything that caused it, means a dependency is unavailable for now. */
    public static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof StoreUnavailableException || cause instanceof BrokerUnavailableException
                    || cause instanceof RetriableException
                    || cause instanceof TimeoutException || isTransientMongo(cause)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs a MongoDB {@code operation}, failing with {@link StoreUnavailableException} if MongoDB cannot be reached
     * or does not answer within the driver's timeouts, so that the record is retried until MongoDB is back.
     */
    public static <T> T whileStoreAvailable(Supplier<T> operation) {
        try {
            return operation.get();
        }
        catch (RuntimeException ex) {
            if (isTransientMongo(ex)) {
                throw new StoreUnavailableException("MongoDB unavailable: " + ex.getMessage(), ex);
            }
            throw ex;
        }
    }

    /** Whether the MongoDB driver failed because the server could not be reached or was not ready. */
    public static boolean isTransientMongo(Throwable failure) {
        return failure instanceof MongoSocketException || failure instanceof MongoTimeoutException
                || failure instanceof MongoNotPrimaryException || failure instanceof MongoNodeIsRecoveringException
                || failure instanceof MongoExecutionTimeoutException;
    }
}
