package dev.newsflow.ingest.formats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The paragraph keys ({@link ParagraphKey}) of a body kept so far, indexed by every run of {@value #RUN} words they
 * hold, so that finding an earlier paragraph that contains a new one word for word looks up the new one's first run
 * instead of searching every earlier paragraph: time in the body's length, not its square.
 */
final class KeptParagraphs {

    /** The fewest words of a paragraph that repeats a longer one it is inside (a pull quote, a caption of the lead). */
    static final int RUN = 6;

    private final List<String[]> kept = new ArrayList<>();
    // The hash of a run of RUN words -> where runs with that hash start: {kept paragraph, word offset}.
    private final Map<Integer, List<int[]>> runs = new HashMap<>();

    void add(String key) {
        String[] words = words(key);
        int paragraph = kept.size();
        kept.add(words);
        for (int offset = 0; offset + RUN <= words.length; offset++) {
            runs.computeIfAbsent(run(words, offset), run -> new ArrayList<>()).add(new int[] {paragraph, offset});
        }
    }

    /** Whether {@code key}, of at least {@value #RUN} words, is word for word inside a longer kept paragraph. */
    boolean containedInLonger(String key) {
        if (ParagraphKey.words(key, RUN) < RUN) {
            return false;
        }
        String[] words = words(key);
        for (int[] start : runs.getOrDefault(run(words, 0), List.of())) {
            String[] other = kept.get(start[0]);
            if (other.length > words.length && start[1] + words.length <= other.length
                    && Arrays.equals(other, start[1], start[1] + words.length, words, 0, words.length)) {
                return true;
            }
        }
        return false;
    }

    private static String[] words(String key) {
        return key.isEmpty() ? new String[0] : key.split(" ");
    }

    // Equal runs hash alike; runs that merely share a hash are told apart by comparing their words.
    private static int run(String[] words, int offset) {
        int hash = 1;
        for (int i = offset; i < offset + RUN; i++) {
            hash = 31 * hash + words[i].hashCode();
        }
        return hash;
    }
}
