package dev.newsflow.publish.api;

/** A query parameter outside its allowed range or of the wrong type. */
class InvalidParameterException extends RuntimeException {

    private final String parameter;

    InvalidParameterException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    String parameter() {
        return parameter;
    }

    static int intParameter(String name, String value, int min, int max) {
        int parsed;
        try {
            parsed = Integer.parseInt(value.trim());
        }
        catch (NumberFormatException ex) {
            throw new InvalidParameterException(name, name + " must be a whole number, got '" + value + "'");
        }
        if (parsed < min || parsed > max) {
            throw new InvalidParameterException(name, name + " must be between " + min + " and " + max + ", got " + parsed);
        }
        return parsed;
    }
}
