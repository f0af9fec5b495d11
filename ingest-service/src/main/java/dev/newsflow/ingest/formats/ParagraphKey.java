package dev.newsflow.ingest.formats;

import java.text.Normalizer;

/** The comparison key of a paragraph, to find repeats: its words, whatever their case, accents' encoding or punctuation. */
final class ParagraphKey {

    private ParagraphKey() {
    }

    // Same words in the same order, whatever the case, spacing, accents' encoding or punctuation: the letters and
    // numbers (\p{L}, \p{N}) after NFKC and case folding, each run of anything else one space. A loop, as a regex
    // replace was a visible cost per line.
    static String of(String paragraph) {
        return needsNormalizing(paragraph) ? foldedWords(Normalizer.normalize(paragraph, Normalizer.Form.NFKC)) : foldedWords(paragraph);
    }

    // NFKC leaves ASCII as it is, and maps General Punctuation (U+2000-U+206F: typographic quotes, dashes, spaces,
    // ellipses) only to more punctuation and spaces, which foldedWords() turns into one space either way. Typical English
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

    private static String foldedWords(String text) {
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

    /** How many words a key has. */
    static int words(String key, int atMost) {
        if (key.isEmpty()) {
            return 0;
        }
        int count = 1;
        for (int i = 0; i < key.length() && count < atMost; i++) {
            if (key.charAt(i) == ' ') {
                count++;
            }
        }
        return count;
    }
}
