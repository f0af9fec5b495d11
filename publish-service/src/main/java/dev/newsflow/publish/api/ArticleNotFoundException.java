package dev.newsflow.publish.api;

class ArticleNotFoundException extends RuntimeException {

    private final String id;

    ArticleNotFoundException(String id) {
        super("No article with id " + id);
        this.id = id;
    }

    String id() {
        return id;
    }
}
