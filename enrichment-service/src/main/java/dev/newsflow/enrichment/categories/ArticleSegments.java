package dev.newsflow.enrichment.categories;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The pieces of an article an embedding model reads: the headline with the lead, then pieces spread evenly over the
 * rest of the body. A piece is whole paragraphs up to about {@code words} words; a longer paragraph is cut at a
 * word boundary.
 */
final class ArticleSegments {

    private ArticleSegments() {
    }

    static List<String> of(String title, String body, int segments, int words) {
        List<String> pieces = pieces(body == null ? "" : body, words);
        List<String> chosen = new ArrayList<>();
        String lead = pieces.isEmpty() ? "" : pieces.get(0);
        String headline = title == null ? "" : title.strip();
        chosen.add(headline.isEmpty() ? lead : lead.isEmpty() ? headline : headline + ". " + lead);
        int rest = pieces.size() - 1;
        int more = Math.min(segments - 1, rest);
        for (int i = 0; i < more; i++) {
            // Evenly spread: with 2 more of 6 remaining pieces, take pieces 1 and 4 rather than 1 and 2.
            chosen.add(pieces.get(1 + (int) Math.round(i * (rest - 1) / (double) Math.max(1, more - 1))));
        }
        return chosen;
    }

    private static List<String> pieces(String body, int words) {
        List<String> pieces = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int count = 0;
        for (String paragraph : body.split("\\n\\s*\\n|\\n")) {
            String[] tokens = paragraph.strip().split("\\s+");
            if (tokens.length == 0 || tokens[0].isEmpty()) {
                continue;
            }
            if (count > 0 && count + tokens.length > words) {
                pieces.add(current.toString());
                current.setLength(0);
                count = 0;
            }
            for (int from = 0; from < tokens.length; from += words) {
                String[] part = Arrays.copyOfRange(tokens, from, Math.min(tokens.length, from + words));
                if (count > 0 && count + part.length > words) {
                    pieces.add(current.toString());
                    current.setLength(0);
                    count = 0;
                }
                current.append(current.isEmpty() ? "" : " ").append(String.join(" ", part));
                count += part.length;
            }
        }
        if (count > 0) {
            pieces.add(current.toString());
        }
        return pieces;
    }
}
