package dev.newsflow.store;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Words as the {@code keyword} filter means them: maximal runs of letters and digits ({@code \p{L}}, {@code \p{N}}),
 * lower-cased. The same rule as the live stream's whole-word match, so that a query and a stream with the same
 * filter agree.
 */
public final class ArticleWords {

    private ArticleWords() {
    }

    /** The distinct words of {@code texts} (null texts are skipped), in order of first appearance. */
    public static List<String> of(String... texts) {
        Set<String> words = new LinkedHashSet<>();
        for (String text : texts) {
            if (text != null) {
                words.addAll(sequence(text));
            }
        }
        return List.copyOf(words);
    }

    /** Every word of {@code text} in order, repeats included. */
    public static List<String> sequence(String text) {
        List<String> words = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            boolean wordCharacter = isWordCharacter(codePoint);
            if (wordCharacter && start < 0) {
                start = i;
            }
            else if (!wordCharacter && start >= 0) {
                words.add(text.substring(start, i).toLowerCase(Locale.ROOT));
                start = -1;
            }
            i += Character.charCount(codePoint);
        }
        if (start >= 0) {
            words.add(text.substring(start).toLowerCase(Locale.ROOT));
        }
        return words;
    }

    private static boolean isWordCharacter(int codePoint) {
        if (Character.isLetter(codePoint)) {
            return true;
        }
        int type = Character.getType(codePoint);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
    }
}
