package dev.newsflow.enrichment.related;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.enrichment.text.ArticleText;
import org.junit.jupiter.api.Test;

class ArticleNamesTest {

    private final ArticleNames names = new ArticleNames(new ArticleText());

    @Test
    void wordsCapitalisedInsideASentenceAreNamesAndSentenceStartsAreNot() {
        String body = "Rescuers searched the ruins of the hospital in Mamuju on Wednesday, said Hendra Wijaya of the "
                + "BMKG agency.\n\nMany people are still under the rubble. \"Nobody slept,\" said a nurse.";

        assertThat(names.of(body)).contains("mamuju", "wednesdai", "hendra", "wijaya", "bmkg")
                .doesNotContain("rescuer", "mani", "nobodi", "hospit", "peopl");
    }

    @Test
    void anEmptyBodyHasNoNames() {
        assertThat(names.of("")).isEmpty();
        assertThat(names.of(null)).isEmpty();
    }
}
