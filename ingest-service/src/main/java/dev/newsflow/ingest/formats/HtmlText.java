package dev.newsflow.ingest.formats;

import java.util.ArrayList;
import java.util.List;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** The text paragraphs of an HTML body: one per block element (paragraph, heading, caption, list item …). */
final class HtmlText {

    private static final String BLOCKS = "p, h1, h2, h3, h4, h5, h6, li, blockquote, figcaption, pre, td, dd, dt";

    private HtmlText() {
    }

    static List<String> paragraphs(String html) {
        Document document = Jsoup.parseBodyFragment(html);
        List<String> paragraphs = new ArrayList<>();
        for (Element block : document.body().select(BLOCKS)) {
            // Nested blocks (a <p> inside a <blockquote>) are taken once, by the innermost.
            if (block.select(BLOCKS).size() > 1) {
                continue;
            }
            String text = block.text().strip();
            if (!text.isEmpty()) {
                paragraphs.add(text);
            }
        }
        if (paragraphs.isEmpty() && !document.body().text().isBlank()) {
            paragraphs.add(document.body().text().strip());
        }
        return paragraphs;
    }
}
