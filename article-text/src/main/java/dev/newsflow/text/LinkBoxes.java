package dev.newsflow.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Boxes of links to other articles left in a body as scraped pages have them: a heading such as "Related posts",
 * "Read more", "You may also like" or "More on this story", then the headlines it links to, one a line (in the same
 * paragraph, or in paragraphs of their own), or one line "Read more: headline". Their words are other articles'
 * headlines, not this article's: kept, they make an article look related to the very stories its page links to.
 * Everything else stays as written; a paragraph that only starts with such words ("Related talks stalled on
 * Tuesday.") is prose, because a heading has a line of its own (or a colon and one headline).
 */
public final class LinkBoxes {

    // A box's heading, the whole line, with an optional colon.
    private static final Pattern HEADING = Pattern.compile("(?iu)(?:related(?: posts?| articles?| stories| story| content"
            + "| coverage| news| links| reading| topics)?|read more|read also|also read|more to read|see also|recommended"
            + "(?: for you| stories| articles| reading)?|you (?:may|might) also like|more on this(?: story| topic)?"
            + "|more stories|more from [\\p{L}\\p{N}' .&-]{1,40}|most read|most popular|top stories|editor'?s picks)\\s*:?");
    // One line that is a heading with a colon and a headline after it ("Read more: Strike ends ...").
    private static final Pattern INLINE = Pattern.compile("(?iu)(?:related(?: posts?| articles?| stories| story)?|read more"
            + "|read also|also read|see also|more on this(?: story| topic)?)\\s*:\\s*\\S.{0,160}");
    private static final Pattern BULLET = Pattern.compile("^[•·▪►▶*\\-–—]\\s*");
    // A listed headline: at most this many words.
    private static final int HEADLINE_WORDS = 20;
    // Paragraphs of their own taken as the box's items after a heading alone: at most this many.
    private static final int MAX_ITEMS = 10;

    private LinkBoxes() {
    }

    /**
     * Whether {@code line}, the whole of it, is a link box's heading ("Related", "More on this story", "You may also
     * like:"), as a page's markup gives it on its own.
     */
    public static boolean isHeading(String line) {
        return line != null && HEADING.matcher(line.strip()).matches();
    }

    /** {@code body} without its link boxes, paragraphs as written; the same string if it has none. */
    public static String strip(String body) {
        if (body == null || body.isEmpty() || !mayHoldBox(body)) {
            return body;
        }
        String[] paragraphs = body.split("\\n\\s*\\n");
        List<String> kept = new ArrayList<>(paragraphs.length);
        boolean removed = false;
        for (int i = 0; i < paragraphs.length; i++) {
            String paragraph = paragraphs[i].strip();
            List<String> lines = paragraph.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
            if (lines.size() == 1 && INLINE.matcher(lines.get(0)).matches() && !endsSentence(lines.get(0))) {
                removed = true;
                continue;
            }
            if (!lines.isEmpty() && HEADING.matcher(lines.get(0)).matches()) {
                if (lines.size() > 1 && lines.subList(1, lines.size()).stream().allMatch(LinkBoxes::isListed)) {
                    removed = true;
                    continue;
                }
                if (lines.size() == 1) {
                    // A heading alone: its items are the paragraphs of one line each that follow, headlines or bullets.
                    int next = i + 1;
                    while (next < paragraphs.length && next - i <= MAX_ITEMS && isItemParagraph(paragraphs[next])) {
                        next++;
                    }
                    if (next > i + 1) {
                        removed = true;
                        i = next - 1;
                        continue;
                    }
                }
            }
            kept.add(paragraphs[i]);
        }
        return removed ? String.join("\n\n", kept) : body;
    }

    // A listed headline: a bullet, or a short line that does not end a sentence.
    private static boolean isListed(String line) {
        if (BULLET.matcher(line).find()) {
            return true;
        }
        return words(line) <= HEADLINE_WORDS && !endsSentence(line);
    }

    private static boolean isItemParagraph(String paragraph) {
        List<String> lines = paragraph.strip().lines().filter(line -> !line.isBlank()).toList();
        return lines.size() == 1 && (BULLET.matcher(lines.get(0).strip()).find()
                || words(lines.get(0)) <= HEADLINE_WORDS && !endsSentence(lines.get(0).strip()));
    }

    private static boolean endsSentence(String line) {
        char last = line.charAt(line.length() - 1);
        return last == '.' || last == '!' || last == '"' || last == '\u201d' || last == ':' || last == ';' || last == ',';
    }

    private static int words(String line) {
        return line.strip().split("\\s+").length;
    }

    // Cheap test before splitting: a heading's words occur somewhere.
    private static boolean mayHoldBox(String body) {
        String lower = body.toLowerCase(Locale.ROOT);
        // Every heading above, by a word it cannot be without: "read" alone would also match already, spread, bread.
        return lower.contains("related") || lower.contains("read more") || lower.contains("read also")
                || lower.contains("also read") || lower.contains("to read") || lower.contains("most read")
                || lower.contains("see also") || lower.contains("recommended")
                || lower.contains("also like") || lower.contains("more on this") || lower.contains("more stories")
                || lower.contains("more from") || lower.contains("most popular") || lower.contains("top stories")
                || lower.contains("picks");
    }
}
