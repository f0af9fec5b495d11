package dev.newsflow.ingest.formats;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import dev.newsflow.text.LinkBoxes;
import org.jsoup.nodes.Element;

/**
 * Boxes inside an article's markup that are not its text, found by their heading and what follows it: a link box
 * ("More on this story", "Related", the vocabulary of {@link LinkBoxes}) and the list of links under it; a summary box
 * ("Key points", "At a glance") and its bullets above the story, which reword it. The heading alone is not enough:
 * a "Summary" heading over paragraphs, or a "Related" heading over prose, stays. Also posts embedded from social
 * networks ({@link #removeEmbeds}).
 */
final class BodyBoxes {

    private static final Pattern SUMMARY = Pattern.compile("(?i)(?:the\\s+)?(?:key (?:points|facts|takeaways)|takeaways"
            + "|summary|in summary|at a glance|in brief|in short|story highlights|highlights|the essentials"
            + "|what (?:you|we) (?:need to )?know|need to know|the gist|tl;?dr)\\s*:?");
    // Posts embedded from social networks, as their embed scripts require them to be marked up.
    private static final String EMBEDS = "blockquote.twitter-tweet, blockquote.twitter-video, blockquote.instagram-media, "
            + "[data-instgrm-permalink], blockquote.tiktok-embed, .fb-post, .fb-video, blockquote.bluesky-embed, "
            + "blockquote.reddit-embed-bq, blockquote.text-post-media";
    private static final String HEADINGS = "h2, h3, h4, h5, h6, p, div, strong, b";
    private static final int MAX_HEADING = 40;
    // A listed headline or a bullet of a summary: at most this many words.
    private static final int MAX_ITEM_WORDS = 40;
    private static final int MAX_ITEMS = 10;
    // A paragraph of the story, not a heading or a bullet: at least this many characters.
    private static final int MIN_PARAGRAPH = 80;

    private BodyBoxes() {
    }

    /**
     * Posts embedded from social networks (a tweet, an Instagram or TikTok post): someone else's words, shown as they
     * were posted; a story that quotes one says so in its own paragraphs. Read before Readability, which drops classes.
     */
    static void removeEmbeds(Element root) {
        root.select(EMBEDS).remove();
    }

    static void remove(Element root) {
        for (Element heading : root.select(HEADINGS)) {
            // Blocks inside first: a container's text is its whole subtree, built again for every container around it.
            if (heading.parent() == null || holdsBlock(heading) || heading.text().length() > MAX_HEADING) {
                continue;
            }
            String text = heading.text().strip();
            Element box = outermostHolding(heading);
            if (LinkBoxes.isHeading(text)) {
                List<Element> links = linkItems(box);
                if (!links.isEmpty()) {
                    links.forEach(Element::remove);
                    box.remove();
                }
            }
            else if (SUMMARY.matcher(text).matches()) {
                Element list = box.nextElementSibling();
                if (list != null && list.is("ul, ol") && isBulletList(list) && !storyBefore(root, box)) {
                    list.remove();
                    box.remove();
                }
            }
        }
    }

    // Whether a child is or holds a paragraph, division or list (stops at the first one found).
    private static boolean holdsBlock(Element element) {
        for (Element child : element.children()) {
            if (child.selectFirst("p, div, ul, ol") != null) {
                return true;
            }
        }
        return false;
    }

    // A list of links right after the heading, or paragraphs that are each a link (at most MAX_ITEMS).
    private static List<Element> linkItems(Element heading) {
        Element next = heading.nextElementSibling();
        if (next != null && next.is("ul, ol") && !next.children().isEmpty()
                && next.children().stream().allMatch(BodyBoxes::isLink)) {
            return List.of(next);
        }
        List<Element> items = new ArrayList<>();
        while (next != null && next.is("p, div") && items.size() < MAX_ITEMS && isLink(next)) {
            items.add(next);
            next = next.nextElementSibling();
        }
        return items;
    }

    // An item that is a link: a short text that is mostly the text of its links.
    private static boolean isLink(Element item) {
        String text = item.text().strip();
        int linked = item.select("a").stream().mapToInt(anchor -> anchor.text().strip().length()).sum();
        return !text.isEmpty() && words(text) <= MAX_ITEM_WORDS && linked * 10 >= text.length() * 7;
    }

    private static boolean isBulletList(Element list) {
        return !list.children().isEmpty() && list.children().size() <= MAX_ITEMS
                && list.children().stream().allMatch(item -> item.is("li") && words(item.text()) <= MAX_ITEM_WORDS);
    }

    // Whether a paragraph of the story comes before the element: a summary box sits above the story.
    private static boolean storyBefore(Element root, Element element) {
        for (Element before : root.getAllElements()) {
            if (before == element) {
                return false;
            }
            if (before.is("p") && before.text().length() >= MIN_PARAGRAPH) {
                return true;
            }
        }
        return false;
    }

    // The heading, or the element around it that holds nothing else (<div class="box-title"><h3>Related</h3></div>).
    private static Element outermostHolding(Element heading) {
        Element box = heading;
        while (box.parent() != null && box.parent().childrenSize() == 1 && box.parent().text().strip().equals(heading.text().strip())
                && box.parent().is("div, p, header, span, strong, b")) {
            box = box.parent();
        }
        return box;
    }

    private static int words(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? 0 : stripped.split("\\s+").length;
    }
}
