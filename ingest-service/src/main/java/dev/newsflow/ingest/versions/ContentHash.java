package dev.newsflow.ingest.versions;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Objects;

import dev.newsflow.events.ArticleSubmitted;
import org.apache.commons.codec.binary.Hex;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * SHA-256 over what readers see of an article (title, body text, author, source, URL, publication time, language,
 * categories and photo credits) and whether they may see it (withdrawn, embargo), so that re-sending the same
 * article is recognised whatever the JSON's field order or spacing.
 */
public final class ContentHash {

    private ContentHash() {
    }

    public static String of(ArticleSubmitted article) {
        List<Object> content = List.of(Objects.toString(article.title(), ""), Objects.toString(article.body(), ""),
                Objects.toString(article.author(), ""), Objects.toString(article.source(), ""),
                Objects.toString(article.url(), ""), Objects.toString(article.publishedAt(), ""),
                Objects.toString(article.language(), ""), article.categories(), article.photoCredits());
        // Only when set, so that the hashes of articles accepted before these fields existed stay the same.
        if (article.withdrawn() || article.embargoedUntil() != null) {
            content = new java.util.ArrayList<>(content);
            content.add("withdrawn:" + article.withdrawn());
            content.add("embargoedUntil:" + Objects.toString(article.embargoedUntil(), ""));
        }
        MessageDigest digest = DigestUtils.getSha256Digest();
        for (Object part : content) {
            // Length-prefixed, so that moving text between fields changes the hash.
            byte[] bytes = part.toString().getBytes(StandardCharsets.UTF_8);
            digest.update((bytes.length + ":").getBytes(StandardCharsets.UTF_8));
            digest.update(bytes);
        }
        return Hex.encodeHexString(digest.digest());
    }
}
