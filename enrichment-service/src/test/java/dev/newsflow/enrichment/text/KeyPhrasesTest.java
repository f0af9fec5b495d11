package dev.newsflow.enrichment.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Key phrases as an editor would tag an article: noun phrases, never fragments around function words. */
class KeyPhrasesTest {

    private static final Set<String> FUNCTION_WORDS = Set.of("the", "a", "an", "would", "could", "should", "will", "may",
            "might", "must", "can", "is", "was", "were", "be", "been", "has", "have", "had", "of", "to", "in", "on", "at",
            "for", "and", "or", "but", "that", "this", "it", "its", "their", "they", "we", "he", "she", "said", "says");

    private final ArticleText text = new ArticleText();

    @Test
    void aLongArticleGetsNounPhrasesThatNeitherStartNorEndWithAFunctionWord() throws IOException {
        String article = resource("water-rationing.txt");
        int headlineEnd = article.indexOf('\n');

        List<String> phrases = KeyPhrases.select(text.analyse(article.substring(0, headlineEnd),
                article.substring(headlineEnd + 1)).phrases(), stem -> 1.0, 5);

        assertThat(phrases).hasSizeGreaterThanOrEqualTo(3).contains("water rationing", "cape town", "western cape");
        assertThat(phrases).allSatisfy(phrase -> {
            String[] words = phrase.split(" ");
            assertThat(FUNCTION_WORDS).doesNotContain(words[0], words[words.length - 1]);
        });
    }

    @Test
    void modalsVerbsAndDatesBreakPhrases() {
        AnalysedText analysed = text.analyse("Russia would veto the plan", "Russia would veto the plan on Tuesday, the "
                + "minister said. Russia would not say more. Officials agreed the Russia plan on Tuesday.");

        assertThat(analysed.phrases()).extracting(AnalysedText.Phrase::text)
                .doesNotContain("russia would", "would veto", "minister said", "plan on tuesday", "officials agreed")
                .contains("russia plan");
    }

    @Test
    void aWordThatOnlyEverModifiesAnotherIsNoPhraseOfItsOwn() {
        AnalysedText analysed = text.analyse("Flight data deal", "Both sides will share flight data. The flight data "
                + "system starts in May. Flight data goes to both air forces.");

        List<String> phrases = KeyPhrases.select(analysed.phrases(), stem -> 1.0, 5);

        assertThat(phrases).contains("flight data").doesNotContain("flight");
    }

    @Test
    void aNameIsAPhraseAlsoWhereItModifiesAnotherNoun() {
        AnalysedText analysed = text.analyse("Islamic State regroups in the desert", "Islamic State cells attacked two "
                + "convoys. Officers share intelligence on Islamic State fighters. The Islamic State group lost its last "
                + "territory in 2019.");

        assertThat(KeyPhrases.select(analysed.phrases(), stem -> 1.0, 5)).contains("islamic state")
                .doesNotContain("islamic state cells", "islamic state fighters");
    }

    @Test
    void aShortBriefStillGetsItsNames() {
        AnalysedText analysed = text.analyse("Storm closes coast road", "Heavy rain closed the coast road near Port "
                + "Elizabeth on Monday. The Roads Agency said it would reopen once engineers had checked the bridge.");

        assertThat(KeyPhrases.select(analysed.phrases(), stem -> 1.0, 5)).contains("port elizabeth", "roads agency");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = KeyPhrasesTest.class.getResourceAsStream("/text/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
