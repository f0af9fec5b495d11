package dev.newsflow.ingest.formats;

import java.util.ArrayList;
import java.util.List;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/** The text blocks of HTML: one per block element (paragraph, heading, caption, list item …), in document order. */
final class HtmlText {

    private static final String BLOCKS = "p, h1, h2, h3, h4, h5, h6, li, blockquote, figcaption, pre, td, dd, dt";

    private HtmlText() {
    }

    /** A paragraph of text, a heading or a caption; {@code element} is where it came from (null for plain text). */
    record Block(String text, Kind kind, Element element) {

        enum Kind { PARAGRAPH, HEADING, CAPTION }

        static Block of(String text) {
            return new Block(text, Kind.PARAGRAPH, null);
        }
    }

    static List<Block> blocks(Element root) {
        List<Block> blocks = new ArrayList<>();
        for (Element block : root.select(BLOCKS)) {
            // Nested blocks (a <p> inside a <blockquote>) are taken once, by the innermost.
            // A caption is one block, whatever it holds (<figcaption><p>Caption.</p><p>A/B</p></figcaption>).
            boolean caption = block.normalName().equals("figcaption");
            Element around = block.parent() == null ? null : block.parent().closest("figcaption");
            if (around != null || !caption && block.select(BLOCKS).size() > 1) {
                continue;
            }
            String text = caption ? spaced(block) : block.text().strip();
            if (!text.isEmpty()) {
                blocks.add(new Block(text, kind(block, text), block));
            }
        }
        if (blocks.isEmpty() && !root.text().isBlank()) {
            blocks.add(Block.of(root.text().strip()));
        }
        return blocks;
    }

    // A caption and its credit in sibling elements (<span>Caption.</span><span>Credit: A/B</span>) are apart.
    private static String spaced(Element caption) {
        List<String> parts = new ArrayList<>();
        for (Node node : caption.childNodes()) {
            String text = node instanceof Element element ? element.text() : node instanceof TextNode textNode ? textNode.text() : "";
            if (!text.isBlank()) {
                parts.add(text.strip());
            }
        }
        return String.join(" ", parts);
    }

    private static Block.Kind kind(Element block, String text) {
        return switch (block.normalName()) {
            case "h1", "h2", "h3", "h4", "h5", "h6" -> Block.Kind.HEADING;
            case "figcaption" -> Block.Kind.CAPTION;
            // A CMS's subheading: a paragraph that is all bold, in title case.
            case "p" -> isAllBold(block) && Subheadings.looksLikeSubheading(text) ? Block.Kind.HEADING : Block.Kind.PARAGRAPH;
            default -> Block.Kind.PARAGRAPH;
        };
    }

    private static boolean isAllBold(Element paragraph) {
        return paragraph.childrenSize() == 1 && paragraph.textNodes().stream().allMatch(node -> node.isBlank())
                && (paragraph.child(0).normalName().equals("strong") || paragraph.child(0).normalName().equals("b"));
    }
}
