package dev.newsflow.ingest.api;

import java.net.URI;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;

import org.apache.commons.codec.digest.DigestUtils;

/**
 * An article's stable id: the same article sent again, by the same publisher with the same external id or at the
 * same canonical URL, gets the same id, so that its versions replace each other downstream.
 */
final class ArticleIdentity {

    private ArticleIdentity() {
    }

    static String of(String publisher, ArticleSubmission article) {
        if (article.externalId() != null && !article.externalId().isBlank()) {
            return hash("external:" + publisher.trim() + "\n" + article.externalId().trim());
        }
        if (article.url() != null) {
            return hash("url:" + canonical(article.url()));
        }
        return UUID.randomUUID().toString();
    }

    /** Lower-case scheme and host, no default port, no fragment, no trailing slash. */
    static String canonical(String url) {
        URI uri = URI.create(url.trim()).normalize();
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port) + path
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private static String hash(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(DigestUtils.sha256(key)).substring(0, 22);
    }
}
