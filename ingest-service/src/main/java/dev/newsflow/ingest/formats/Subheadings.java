package dev.newsflow.ingest.formats;

import java.util.Set;

/**
 * Subheadings in text that lost its markup: a short line in title case, without a sentence's final punctuation
 * ("What Moscow Wants", "Talks in Geneva"), standing between paragraphs.
 */
final class Subheadings {

    private static final int MAX_WORDS = 10;
    private static final int MAX_LENGTH = 90;
    // Words title case leaves in lower case.
    private static final Set<String> MINOR = Set.of("a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to",
            "for", "by", "with", "from", "as", "vs", "per", "via", "over", "into", "after", "up", "off", "out", "is", "are");

    private Subheadings() {
    }

    /** Whether {@code line}, on its own between two paragraphs, is a subheading. */
    static boolean looksLikeSubheading(String line) {
        String text = line.strip();
        if (text.isEmpty() || text.length() > MAX_LENGTH || text.indexOf('\n') >= 0 || text.indexOf(':') >= 0
                || text.startsWith("By ") || text.startsWith("(") || text.startsWith("•") || text.startsWith("-")) {
            return false;
        }
        char last = text.charAt(text.length() - 1);
        if (".,;!…\"”'’)]".indexOf(last) >= 0) {
            return false;
        }
        String[] words = text.split("\\s+");
        if (words.length > MAX_WORDS || !Character.isUpperCase(words[0].codePointAt(0))) {
            return false;
        }
        int capitalised = 0;
        for (String word : words) {
            int first = word.codePointAt(0);
            if (Character.isUpperCase(first) || Character.isDigit(first)) {
                capitalised++;
            }
            else if (!MINOR.contains(word.toLowerCase(java.util.Locale.ROOT)) && Character.isLetter(first)) {
                return false;
            }
        }
        return capitalised >= 1;
    }
}
