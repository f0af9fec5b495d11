package dev.newsflow.ingest.api;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.newsflow.ingest.formats.HtmlPage;
import dev.newsflow.ingest.formats.Page;
import dev.newsflow.ingest.formats.PageText;
import org.jsoup.Jsoup;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * Whole pages as submissions: an article page as fetched ({@code text/html}) or its text as a reader copies it
 * ({@code text/plain}), read with {@link HtmlPage} or {@link PageText} into the same {@link ArticleSubmission} a
 * JSON article is, and checked by the same rules.
 *
 * <p>Bytes are read in the charset the {@code Content-Type} names; without one, as UTF-8 (a UTF-8 byte order mark is
 * dropped), or for HTML that is not UTF-8, in the charset its {@code <meta>} declares. Bytes that are not valid in that
 * charset are refused, never guessed at.
 */
@Component
class PageSubmissions {

    private static final Pattern META_CHARSET = Pattern.compile("(?i)<meta[^>]+charset\\s*=\\s*[\"']?([A-Za-z0-9._:-]+)");
    private static final int META_SCAN = 4096;

    private final SubmissionReader reader;

    PageSubmissions(SubmissionReader reader) {
        this.reader = reader;
    }

    SubmissionReader.Submission read(byte[] bytes, MediaType contentType) {
        boolean html = MediaType.TEXT_HTML.isCompatibleWith(contentType);
        String text = decode(bytes, contentType, html);
        if (text.isBlank()) {
            throw InvalidSubmissionException.of("(page)", "is empty");
        }
        Page page = html ? HtmlPage.read(text) : PageText.read(text);
        if (page.title() == null || page.title().isBlank()) {
            throw InvalidSubmissionException.of("title", html
                    ? "was not found in the page (no JSON-LD headline, og:title, <h1> or <title>)"
                    : "was not found: the first line of the text is the headline");
        }
        boolean hasText = html ? !Jsoup.parseBodyFragment(page.bodyHtml()).text().isBlank() : !page.body().isBlank();
        if (!hasText) {
            throw InvalidSubmissionException.of("(page)", "has no article text");
        }
        return reader.validated(new ArticleSubmission(page.title(), page.body(), page.bodyHtml(), page.url(), page.author(),
                page.source(), page.publishedAt(), page.language(), page.categories().isEmpty() ? null : page.categories(),
                null, null, null), false);
    }

    private static String decode(byte[] bytes, MediaType contentType, boolean html) {
        String declared = contentType.getParameter("charset");
        if (declared != null) {
            return decode(bytes, charset(unquoted(declared)));
        }
        int from = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        try {
            return strict(StandardCharsets.UTF_8, bytes, from);
        }
        catch (CharacterCodingException notUtf8) {
            Matcher meta = META_CHARSET.matcher(new String(bytes, 0, Math.min(bytes.length, META_SCAN), StandardCharsets.ISO_8859_1));
            if (html && meta.find() && !meta.group(1).equalsIgnoreCase("utf-8")) {
                return decode(bytes, charset(meta.group(1)));
            }
            throw new UnreadablePageException(HttpStatus.BAD_REQUEST,
                    "The page is not UTF-8; send it as UTF-8 or name its charset in the Content-Type (text/html; charset=...)");
        }
    }

    private static String decode(byte[] bytes, Charset charset) {
        try {
            return strict(charset, bytes, 0);
        }
        catch (CharacterCodingException ex) {
            throw new UnreadablePageException(HttpStatus.BAD_REQUEST, "The page is not valid " + charset.name());
        }
    }

    private static String strict(Charset charset, byte[] bytes, int from) throws CharacterCodingException {
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes, from, bytes.length - from)).toString();
    }

    private static Charset charset(String name) {
        try {
            if (Charset.isSupported(name)) {
                return Charset.forName(name);
            }
        }
        catch (IllegalCharsetNameException ex) {
            // Unsupported, as below.
        }
        throw new UnreadablePageException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "The charset " + name.toLowerCase(Locale.ROOT)
                + " is not supported; send the page as UTF-8");
    }

    private static String unquoted(String value) {
        String name = value.strip();
        return name.length() > 1 && name.startsWith("\"") && name.endsWith("\"") ? name.substring(1, name.length() - 1) : name;
    }
}
