package dev.newsflow.ingest.formats;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.safety.Safelist;

/**
 * An article body made fit for readers and for enrichment. HTML is sanitized for display with jsoup's
 * {@link Safelist} (no scripts, styles, event handlers or {@code javascript:} links), and a plain-text version is
 * made of its paragraphs. In that text, a paragraph repeated further down (scraped pages often carry the lead
 * twice, once as a photo caption) is kept once, and photo credit lines ("Photo: …", "(Image by …)") are taken out
 * into {@link #photoCredits()}.
 *
 * @param text plain text, paragraphs separated by a blank line
 * @param html sanitized HTML for display, or {@code null} if the body was plain text
 * @param photoCredits photo credit lines, in order of appearance, each once
 */
public record ArticleBody(String text, String html, List<String> photoCredits) {

    private static final Safelist DISPLAY = Safelist.basicWithImages()
            .addTags("h2", "h3", "h4", "h5", "h6", "figure", "figcaption");
    private static final int MAX_CREDIT_LENGTH = 200;
    private static final List<Pattern> PHOTO_CREDIT = List.of(
            Pattern.compile("^\\(?(photo|photograph|image|picture|pic|foto)s?( credit)?\\s*[:|/–—-]\\s*\\S.*$",
                    Pattern.CASE_INSENSITIVE),
            Pattern.compile("^\\(?(photo|image|picture)s?\\s+(by|courtesy of|courtesy)\\s+\\S.*$", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^(photo |image )?credits?\\s*:\\s*\\S.*$", Pattern.CASE_INSENSITIVE));
    private static final List<String> CREDIT_WORDS = List.of("photo", "image", "pic", "foto", "credit");

    public ArticleBody {
        photoCredits = List.copyOf(photoCredits);
    }

    /** A body sent as plain text, paragraphs separated by blank lines. */
    public static ArticleBody ofText(String text) {
        return clean(paragraphs(text.strip()), null);
    }

    /**
     * The paragraphs of plain text: the pieces between blank lines (a line break, any whitespace, a line break, where
     * CR LF is one break), stripped, blank ones left out. Found by a loop: the regex split it replaces tried its
     * pattern at every character, about a tenth of a batch's sampled CPU, and its {@code \R} could take the CR of a
     * CR LF alone, so that Windows text broke into a paragraph per line.
     */
    static List<String> paragraphs(String text) {
        List<String> paragraphs = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            int end = paragraphBreakEnd(text, i);
            if (end < 0) {
                i++;
                continue;
            }
            addParagraph(paragraphs, text.substring(start, i));
            start = end;
            i = end;
        }
        addParagraph(paragraphs, text.substring(start));
        return paragraphs;
    }

    private static void addParagraph(List<String> paragraphs, String paragraph) {
        if (!paragraph.isBlank()) {
            paragraphs.add(paragraph.strip());
        }
    }

    // Where a paragraph break starting at i ends, or -1: after the last line break that the run of whitespace
    // (regex \s) after the first break reaches.
    private static int paragraphBreakEnd(String text, int i) {
        int first = lineBreakLength(text, i);
        if (first == 0) {
            return -1;
        }
        int from = i + first;
        int run = from;
        while (run < text.length() && isRegexSpace(text.charAt(run))) {
            run++;
        }
        for (int p = run; p >= from; p--) {
            int length = lineBreakLength(text, p);
            if (length > 0) {
                return p + length;
            }
        }
        return -1;
    }

    private static int lineBreakLength(String text, int i) {
        if (i >= text.length()) {
            return 0;
        }
        return switch (text.charAt(i)) {
            case '\r' -> i + 1 < text.length() && text.charAt(i + 1) == '\n' ? 2 : 1;
            case '\n', '\u000B', '\f', '\u0085', '\u2028', '\u2029' -> 1;
            default -> 0;
        };
    }

    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** A body sent as HTML. */
    public static ArticleBody ofHtml(String html) {
        return clean(HtmlText.paragraphs(html), Jsoup.clean(html, DISPLAY).strip());
    }

    private static ArticleBody clean(List<String> paragraphs, String html) {
        List<String> kept = new ArrayList<>();
        Set<String> credits = new LinkedHashSet<>();
        Set<String> seen = new HashSet<>();
        for (String paragraph : paragraphs) {
            if (isPhotoCredit(paragraph)) {
                credits.add(paragraph);
            }
            else if (seen.add(normalized(paragraph))) {
                kept.add(paragraph);
            }
        }
        return new ArticleBody(String.join("\n\n", kept), html, new ArrayList<>(credits));
    }

    static boolean isPhotoCredit(String paragraph) {
        String line = paragraph.strip();
        return line.length() <= MAX_CREDIT_LENGTH && startsLikeACredit(line) && line.lines().count() == 1
                && PHOTO_CREDIT.stream().anyMatch(pattern -> pattern.matcher(line).matches());
    }

    // Every credit pattern begins with one of these words, after an optional "(": most paragraphs are ruled out
    // without running the patterns.
    private static boolean startsLikeACredit(String line) {
        int from = line.startsWith("(") ? 1 : 0;
        for (String word : CREDIT_WORDS) {
            if (line.regionMatches(true, from, word, 0, word.length())) {
                return true;
            }
        }
        return false;
    }

    // Same words in the same order, whatever the case, spacing, accents' encoding or punctuation: the letters and
    // numbers (\p{L}, \p{N}) after NFKC and case folding, each run of anything else one space. A loop, as a regex
    // replace was a visible cost per line.
    static String normalized(String paragraph) {
        return needsNormalizing(paragraph) ? words(Normalizer.normalize(paragraph, Normalizer.Form.NFKC)) : words(paragraph);
    }

    // NFKC leaves ASCII as it is, and maps General Punctuation (U+2000-U+206F: typographic quotes, dashes, spaces,
    // ellipses) only to more punctuation and spaces, which words() turns into one space either way. Typical English
    // copy is nothing else, and is spared the normalizer's copy of every paragraph.
    private static boolean needsNormalizing(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80 && (c < 0x2000 || c > 0x206F)) {
                return true;
            }
        }
        return false;
    }

    private static String words(String text) {
        StringBuilder words = new StringBuilder(text.length());
        boolean gap = false;
        for (int i = 0; i < text.length(); ) {
            char unit = text.charAt(i);
            int c = Character.isSurrogate(unit) ? text.codePointAt(i) : unit;
            i += Character.charCount(c);
            if (isLetterOrNumber(c)) {
                if (gap && !words.isEmpty()) {
                    words.append(' ');
                }
                if (c < 0x80) {
                    words.append((char) asciiLower(c));
                }
                else {
                    // Simple case folding (as Character offers it): upper then lower, so that final sigma folds to sigma.
                    words.appendCodePoint(Character.toLowerCase(Character.toUpperCase(c)));
                }
                gap = false;
            }
            else {
                gap = true;
            }
        }
        return words.toString();
    }

    private static int asciiLower(int c) {
        return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    }

    private static boolean isLetterOrNumber(int c) {
        if (c < 0x80) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
        }
        return switch (Character.getType(c)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER,
                    Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER -> true;
            default -> false;
        };
    }
}
