package dev.newsflow.ingest.api;

import java.net.URI;
import java.text.Normalizer;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;

import org.apache.commons.codec.digest.DigestUtils;

/**
 * An article's stable id, always within its publisher: the same article sent again by the same publisher (same
 * external id, else same canonical URL, else same title and body) gets the same id, so that its versions replace
 * each other downstream; another publisher sending the same external id, URL or text gets an id of its own.
 *
 * <p>Before ids were scoped, an article with a URL and no external id had an id from the URL alone:
 * {@code legacyId} is that id, which a resubmission keeps if its publisher owns the article stored under it
 * ({@link dev.newsflow.ingest.versions.ArticleVersions}).
 *
 * @param id the id of the article within its publisher
 * @param legacyId the URL-only id of the same submission before ids were scoped, or {@code null} if it had none
 */
record ArticleIdentity(String id, String legacyId) {

    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

    static ArticleIdentity of(String publisher, ArticleSubmission article, String bodyText) {
        // trim(), not strip(): ids made before stay the same.
        String owner = publisher.trim() + "\n";
        if (article.externalId() != null && !article.externalId().isBlank()) {
            return new ArticleIdentity(hash("external:" + owner + article.externalId().trim()), null);
        }
        if (article.url() != null) {
            String url = canonical(article.url());
            return new ArticleIdentity(hash("url:" + owner + url), hash("url:" + url));
        }
        return new ArticleIdentity(hash("content:" + owner + canonicalText(article.title()) + "\n" + canonicalText(bodyText)), null);
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

    /**
     * Text as it reads: Unicode NFC, every run of white space one space, none at the ends; case is kept. So the same
     * text sent with other line breaks or spacing, or as HTML instead of plain text, is the same article.
     */
    static String canonicalText(String text) {
        return WHITE_SPACE.matcher(Normalizer.normalize(text, Normalizer.Form.NFC)).replaceAll(" ").strip();
    }

    private static String hash(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(DigestUtils.sha256(key)).substring(0, 22);
    }
}
