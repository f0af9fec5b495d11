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
    void namesOnlyInBackgroundParagraphsAreNotTheArticlesNames() {
        String body = "A passenger train derailed near Olomouc on Monday, killing nine people, Czech rescuers said.\n\n"
                + "Transport minister Petr Kolar said investigators would examine the speed of the train through the works "
                + "zone, where a limit of 50 km/h applied, and promised answers within days rather than months. Four of the "
                + "seven carriages overturned into a field beside the track, and about sixty passengers were injured.\n\n"
                + "Days later, an express derailed near Lumding in Assam after floods, killing 23.";

        assertThat(names.of(body)).contains("olomouc", "petr", "kolar").doesNotContain("lumd", "assam");
    }

    @Test
    void oneSentenceParagraphsCountTowardsTheLeadUntilItHasEnoughWords() {
        String body = "Rescuers reached Mamuju on Wednesday.\n\nThe BMKG agency warned of aftershocks.\n\n"
                + "Dozens were missing, said Hendra Wijaya of the rescue office.";

        assertThat(names.of(body)).contains("mamuju", "bmkg", "hendra", "wijaya");
    }

    @Test
    void anEmptyBodyHasNoNames() {
        assertThat(names.of("")).isEmpty();
        assertThat(names.of(null)).isEmpty();
    }
}
