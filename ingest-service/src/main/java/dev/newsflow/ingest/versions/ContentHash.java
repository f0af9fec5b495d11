package dev.newsflow.ingest.versions;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

import dev.newsflow.events.ArticleSubmitted;

/**
 * SHA-256 over what readers see of an article (title, body text, author, source, URL, publication time, language,
 * categories and photo credits), so that re-sending the same article is recognised whatever the JSON's field order or spacing.
 */
public final class ContentHash {

    private ContentHash() {
    }

    public static String of(ArticleSubmitted article) {
        List<Object> content = List.of(Objects.toString(article.title(), ""), Objects.toString(article.body(), ""),
                Objects.toString(article.author(), ""), Objects.toString(article.source(), ""),
                Objects.toString(article.url(), ""), Objects.toString(article.publishedAt(), ""),
                Objects.toString(article.language(), ""), article.categories(), article.photoCredits());
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Object part : content) {
                // Length-prefixed, so that moving text between fields changes the hash.
                byte[] bytes = part.toString().getBytes(StandardCharsets.UTF_8);
                digest.update((bytes.length + ":").getBytes(StandardCharsets.UTF_8));
                digest.update(bytes);
            }
            return HexFormat.of().formatHex(digest.digest());
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required by every JVM", ex);
        }
    }
}
