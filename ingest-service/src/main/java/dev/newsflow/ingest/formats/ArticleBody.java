package dev.newsflow.ingest.formats;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.newsflow.ingest.formats.HtmlText.Block;
import dev.newsflow.text.LinkBoxes;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.safety.Safelist;

/**
 * An article body made fit for readers and for enrichment. HTML is sanitized for display with jsoup's
 * {@link Safelist} (no scripts, styles, event handlers or {@code javascript:} links), and a plain-text version is
 * made of its paragraphs. In that text, a paragraph repeated further down is kept once, and photo credits, whether
 * lines of their own ("Photo: …", "AP Photo/…") or inside a paragraph ("… Photo credit: A / B via C", "(Image: …)"),
 * are taken out into {@link #photoCredits()} (see {@link PhotoCredits}). Captions are not body text: a
 * {@code <figcaption>}, or a paragraph that carried a credit (so the lead repeated as a caption with a credit, as
 * scraped pages often have it, is gone either way); in the HTML a caption stays with its picture. Subheadings stay subheadings: {@code <h2>} in the HTML, a
 * paragraph of their own in the text.
 *
 * @param text plain text, paragraphs separated by a blank line
 * @param html sanitized HTML for display, or {@code null} if the body was plain text without subheadings
 * @param photoCredits photo credits, in order of appearance, each once
 */
public record ArticleBody(String text, String html, List<String> photoCredits) {

    private static final Safelist DISPLAY = Safelist.basicWithImages()
            .addTags("h2", "h3", "h4", "h5", "h6", "figure", "figcaption");

    public ArticleBody {
        photoCredits = List.copyOf(photoCredits);
    }

    /**
     * A body sent as plain text, paragraphs separated by blank lines. A short title-case line between two paragraphs
     * is a subheading; if there is one, {@link #html()} gives the body as paragraphs and {@code <h2>}s. Boxes of links
     * to other articles left in the text ("Related posts" and the headlines under it, "Read more: …") are not the
     * article's ({@link LinkBoxes}).
     */
    public static ArticleBody ofText(String text) {
        List<String> paragraphs = paragraphs(LinkBoxes.strip(text.strip()));
        List<Block> blocks = new ArrayList<>(paragraphs.size());
        for (int i = 0; i < paragraphs.size(); i++) {
            String paragraph = paragraphs.get(i);
            boolean between = i > 0 && i < paragraphs.size() - 1;
            boolean heading = between && Subheadings.looksLikeSubheading(paragraph) && !PhotoCredits.isCreditLine(paragraph);
            blocks.add(new Block(paragraph, heading ? Block.Kind.HEADING : Block.Kind.PARAGRAPH, null));
        }
        Cleaned cleaned = clean(blocks);
        boolean headings = cleaned.kept().stream().anyMatch(block -> block.kind() == Block.Kind.HEADING);
        return new ArticleBody(cleaned.text(), headings ? html(cleaned.kept()) : null, cleaned.credits());
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
        return ofHtml(Jsoup.parseBodyFragment(html).body());
    }

    /**
     * The body inside {@code root}, an element of a parsed document (which is changed: repeats and credit lines are
     * taken out of it, bold title-case paragraphs become {@code <h2>}).
     */
    static ArticleBody ofHtml(Element root) {
        BodyBoxes.removeEmbeds(root);
        Figures.normalise(root);
        BodyBoxes.remove(root);
        Cleaned cleaned = clean(HtmlText.blocks(root));
        for (Block dropped : cleaned.dropped()) {
            // A caption stays with its picture for display; its text was a repeat or a credit only for the text.
            if (dropped.element() != null && dropped.kind() != Block.Kind.CAPTION) {
                dropped.element().remove();
            }
        }
        for (Block kept : cleaned.kept()) {
            Element element = kept.element();
            if (element != null && kept.kind() == Block.Kind.HEADING && element.normalName().equals("p")) {
                element.tagName("h2").html(Entities.escape(kept.text()));
            }
            else if (element != null && kept.kind() == Block.Kind.PARAGRAPH && element.children().isEmpty()
                    && !element.text().strip().equals(kept.text())) {
                // A credit inside a paragraph of plain text: shown without it too.
                element.text(kept.text());
            }
        }
        if (root.ownerDocument() != null) {
            // As sent: pretty printing would add white space between the elements before the sanitizer's own.
            root.ownerDocument().outputSettings().prettyPrint(false);
        }
        return new ArticleBody(cleaned.text(), Jsoup.clean(root.html(), DISPLAY).strip(), cleaned.credits());
    }

    private record Cleaned(List<Block> kept, List<Block> dropped, List<String> credits) {

        String text() {
            return String.join("\n\n", kept.stream().map(Block::text).toList());
        }
    }

    /**
     * Each paragraph once, without credits or captions: credit lines and credits inside paragraphs go to the credits;
     * a caption (a {@code <figcaption>}, or a paragraph that carried a credit) is no body text; a paragraph is dropped
     * if it repeats an earlier one (the same words; or, with six words or more, words found together in an earlier
     * paragraph).
     */
    private static Cleaned clean(List<Block> blocks) {
        List<Block> kept = new ArrayList<>();
        KeptParagraphs keys = new KeptParagraphs();
        List<Block> dropped = new ArrayList<>();
        Set<String> credits = new LinkedHashSet<>();
        Set<String> seen = new HashSet<>();
        for (Block block : blocks) {
            if (block.kind() != Block.Kind.HEADING && PhotoCredits.isCreditLine(block.text())) {
                credits.add(block.text().strip());
                dropped.add(block);
                continue;
            }
            PhotoCredits.Split split = switch (block.kind()) {
                case HEADING -> new PhotoCredits.Split(block.text(), List.of());
                case CAPTION -> PhotoCredits.stripCaption(block.text());
                case PARAGRAPH -> PhotoCredits.strip(block.text());
            };
            credits.addAll(split.credits());
            String key = ParagraphKey.of(split.text());
            boolean caption = split.hasCredits() || block.kind() == Block.Kind.CAPTION;
            if (caption || split.text().isBlank() || !seen.add(key) || keys.containedInLonger(key)) {
                dropped.add(block);
                continue;
            }
            kept.add(new Block(split.text(), block.kind(), block.element()));
            keys.add(key);
        }
        return new Cleaned(kept, dropped, new ArrayList<>(credits));
    }

    private static String html(List<Block> blocks) {
        StringBuilder html = new StringBuilder();
        for (Block block : blocks) {
            String tag = block.kind() == Block.Kind.HEADING ? "h2" : "p";
            if (!html.isEmpty()) {
                html.append('\n');
            }
            html.append('<').append(tag).append('>').append(Entities.escape(block.text())).append("</").append(tag).append('>');
        }
        return html.toString();
    }
}
