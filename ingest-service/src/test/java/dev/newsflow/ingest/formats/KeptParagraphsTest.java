package dev.newsflow.ingest.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class KeptParagraphsTest {

    @Test
    void aPullQuoteInsideAnEarlierParagraphIsFoundButNotAShorterOrMisalignedOne() {
        KeptParagraphs kept = new KeptParagraphs();
        kept.add("the minister said the new bridge will open in the spring of next year");

        assertThat(kept.containedInLonger("the new bridge will open in the spring")).isTrue();
        assertThat(kept.containedInLonger("bridge will open in the")).as("five words").isFalse();
        assertThat(kept.containedInLonger("he new bridge will open in the spring")).as("not at a word's start").isFalse();
        assertThat(kept.containedInLonger("the minister said the new bridge will open in the spring of next year"))
                .as("the same paragraph is not a longer one").isFalse();
        assertThat(kept.containedInLonger("the new bridge will open in the autumn")).isFalse();
    }

    // The definition it replaces: inside a longer earlier key, at word boundaries, searched paragraph by paragraph.
    @Test
    void findsExactlyWhatSearchingEveryEarlierParagraphFinds() {
        Random random = new Random(20);
        String[] vocabulary = {"a", "b", "c", "the", "strike"};
        for (int body = 0; body < 200; body++) {
            KeptParagraphs kept = new KeptParagraphs();
            List<String> earlier = new ArrayList<>();
            for (int paragraph = 0; paragraph < 12; paragraph++) {
                StringBuilder key = new StringBuilder();
                int words = 1 + random.nextInt(14);
                for (int word = 0; word < words; word++) {
                    key.append(word == 0 ? "" : " ").append(vocabulary[random.nextInt(vocabulary.length)]);
                }
                String candidate = key.toString();

                assertThat(kept.containedInLonger(candidate)).as(candidate + " after " + earlier)
                        .isEqualTo(searchedOneByOne(candidate, earlier));
                kept.add(candidate);
                earlier.add(candidate);
            }
        }
    }

    private static boolean searchedOneByOne(String key, List<String> earlier) {
        if (key.split(" ").length < KeptParagraphs.RUN) {
            return false;
        }
        return earlier.stream().anyMatch(other -> other.length() > key.length() && (" " + other + " ").contains(" " + key + " "));
    }
}
