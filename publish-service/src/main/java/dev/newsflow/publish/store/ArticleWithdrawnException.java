package dev.newsflow.publish.store;

/** The article was withdrawn by its publisher: it is gone for good, unless the publisher reinstates it. */
public class ArticleWithdrawnException extends RuntimeException {

    private final String id;

    ArticleWithdrawnException(String id) {
        super("Article " + id + " was withdrawn by its publisher");
        this.id = id;
    }

    public String id() {
        return id;
    }
}
