package dev.newsflow.ingest.api;

import java.util.List;
import java.util.Map;

/** A submission that breaks a rule; {@link #errors()} names each field and the rule. */
class InvalidSubmissionException extends RuntimeException {

    private final List<Map<String, String>> errors;

    InvalidSubmissionException(List<Map<String, String>> errors) {
        super(String.join("; ", errors.stream().map(e -> e.get("field") + " " + e.get("message")).toList()));
        this.errors = List.copyOf(errors);
    }

    static InvalidSubmissionException of(String field, String message) {
        return new InvalidSubmissionException(List.of(Map.of("field", field, "message", message)));
    }

    List<Map<String, String>> errors() {
        return errors;
    }
}
