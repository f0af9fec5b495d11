package dev.newsflow.ingest.formats;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Pictures with their captions written without {@code <figcaption>}, made {@code <figure>}s with one, so that the
 * caption is read as a caption and its credit as a credit ({@link ArticleBody}), and Readability keeps them (it prunes
 * a {@code <div>} of little text, never a {@code <figure>}). Four forms: a {@code <div>} that holds an image and only
 * a short text beside it ("image__caption", "image__credit"); an {@code <em>}, {@code <small>}, {@code <i>} or
 * {@code <cite>} right under an image, line breaks between (a press release's caption); a text element in a
 * {@code <figure>} outside its {@code <figcaption>} ("Image source, …"); an element whose class says it is a caption
 * ({@code <p class="caption">}), with or without its picture beside it.
 */
final class Figures {

    private static final String MEDIA = "img, picture, amp-img, video";
    private static final String INLINE_CAPTION = "em, small, i, cite";
    private static final String BLOCKS = "p, h1, h2, h3, h4, h5, h6, ul, ol, table, blockquote, figure, article, section";
    // A caption named by its class ("caption", "wp-caption-text", "image-caption"), its picture gone or elsewhere.
    private static final Pattern CAPTION_CLASS = Pattern.compile("(?i)(?:^|[-_\\s])caption(?:[-_\\s]|$)");
    // The most text a picture's caption and credit hold together.
    private static final int MAX_CAPTION = 400;

    private Figures() {
    }

    static void normalise(Element root) {
        for (Element image : root.select(MEDIA)) {
            if (image.parent() == null || image.closest("figure") != null) {
                continue;
            }
            if (!captionUnder(image)) {
                wrapperWithCaption(image);
            }
        }
        for (Element caption : root.getElementsByAttributeValueMatching("class", CAPTION_CLASS)) {
            if (caption.parent() != null && caption.closest("figcaption, figure") == null && caption.select(MEDIA).isEmpty()
                    && !caption.text().isBlank() && caption.text().length() <= MAX_CAPTION && caption.children().select(BLOCKS).isEmpty()) {
                Element figure = new Element("figure");
                caption.before(figure);
                figure.appendChild(caption.tagName("figcaption"));
            }
        }
        for (Element figure : root.select("figure:has(" + MEDIA + ")")) {
            for (Element child : figure.children()) {
                if (!child.normalName().equals("figcaption") && child.select(MEDIA).isEmpty() && !child.text().isBlank()
                        && child.text().length() <= MAX_CAPTION && child.children().select(BLOCKS).isEmpty()) {
                    child.tagName("figcaption");
                }
            }
        }
    }

    // <img><br><em>Caption. Photo: A/B</em>: the image (or the element that holds only it) and the caption after it.
    private static boolean captionUnder(Element image) {
        Element media = outermostHolding(image);
        List<Node> between = new ArrayList<>();
        Node next = media.nextSibling();
        while (next != null && (next instanceof TextNode text && text.isBlank()
                || next instanceof Element element && element.normalName().equals("br"))) {
            between.add(next);
            next = next.nextSibling();
        }
        if (!(next instanceof Element caption) || !caption.is(INLINE_CAPTION) || caption.text().isBlank()
                || caption.text().length() > MAX_CAPTION || !caption.select(BLOCKS).isEmpty()) {
            return false;
        }
        Element figure = new Element("figure");
        media.before(figure);
        between.forEach(Node::remove);
        figure.appendChild(media);
        figure.appendChild(new Element("figcaption").appendChild(caption));
        return true;
    }

    // <div><div><img></div><div><span>Caption.</span><span>A/B</span></div></div>: the outer <div> is the figure.
    private static void wrapperWithCaption(Element image) {
        Element media = outermostHolding(image);
        Element wrapper = media.parent();
        if (wrapper == null || !wrapper.normalName().equals("div") || wrapper.select(MEDIA).size() != 1
                || !wrapper.select(BLOCKS).isEmpty()) {
            return;
        }
        List<Node> caption = new ArrayList<>();
        for (Node node : wrapper.childNodes()) {
            if (node != media) {
                caption.add(node);
            }
        }
        String text = wrapper.text().strip();
        if (text.isEmpty() || text.length() > MAX_CAPTION) {
            return;
        }
        wrapper.tagName("figure");
        Element figcaption = new Element("figcaption");
        wrapper.appendChild(figcaption);
        caption.forEach(figcaption::appendChild);
    }

    // The image, or the element around it that holds nothing else (<div class="image__container"><img></div>).
    private static Element outermostHolding(Element image) {
        Element media = image;
        while (media.parent() != null && media.parent().childrenSize() == 1 && media.parent().text().isBlank()
                && !media.parent().normalName().equals("body")) {
            media = media.parent();
        }
        return media;
    }
}
