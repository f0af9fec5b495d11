package dev.newsflow.ingest.formats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Credits as news sites print them, and prose that only looks a little like one. */
class PhotoCreditsTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "Photo credit: Alexander Nemenov / Pool via EPA / NBC News",
            "(Photo: Ann Lens/Example Wire)",
            "Image: Sam Shutter",
            "Credit: Example Wire",
            "© Reuters",
            "Copyright Sam Shutter 2026",
            "Photograph: Sean Gallup/Getty Images",
            "Sean Gallup/Getty Images",
            "Getty Images",
            "AFP via Getty Images",
            "AP Photo/Evan Vucci",
            "(AP Photo/Evan Vucci)",
            "REUTERS/Kevin Lamarque",
            "Reuters/Kevin Lamarque",
            "Mikhail Klimentyev / Sputnik / AFP via Getty Images",
            "[Image: Example Wire]",
            "Main image: Ann Lens",
            "Image source, Getty Images"})
    void creditLinesAreCredits(String line) {
        assertThat(PhotoCredits.isCreditLine(line)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Credit: the lifeblood of small firms is drying up, bankers warn.",
            "The bank extended credit: about $2bn went to small firms.",
            "Image is everything for the brand, its chief executive said.",
            "Getty Images reported a rise in licensing revenue.",
            "Reuters",
            "He wrote for Reuters for a decade.",
            "The Reuters/Ipsos poll found a narrow lead.",
            "Reporting by Sam Reporter for Reuters",
            "Photographs of the damage were shared widely on Monday, officials said.",
            "The credit card company said 4/5 customers paid on time.",
            "Police said: the road is closed",
            "Image sources, officials said, were checked before publication."})
    void proseIsNotACredit(String line) {
        assertThat(PhotoCredits.isCreditLine(line)).isFalse();
        assertThat(PhotoCredits.strip(line).credits()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Troops patrol the road to the air base. Photo credit: Alexander Nemenov / Pool via EPA / NBC News",
            "Troops patrol the road to the air base. (Photo: Ann Lens/Example Wire)",
            "Troops patrol the road to the air base (AP Photo/Evan Vucci)",
            "Troops patrol the road to the air base. Photograph: Sean Gallup/Getty Images",
            "Troops patrol the road to the air base. Sean Gallup/Getty Images",
            "Troops patrol the road to the air base. REUTERS/Kevin Lamarque",
            "Troops patrol the road to the air base. © Example Wire",
            "Troops patrol the road to the air base Image: Ann Lens"})
    void aCreditInsideAParagraphIsTakenOut(String paragraph) {
        PhotoCredits.Split split = PhotoCredits.strip(paragraph);

        assertThat(split.text()).isIn("Troops patrol the road to the air base.", "Troops patrol the road to the air base");
        assertThat(split.credits()).hasSize(1);
        assertThat(paragraph).endsWith(split.credits().get(0) + (paragraph.endsWith(")") ? ")" : ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Shares rose 4% after the report. Credit Suisse and UBS fell.",
            "The studio said its image of the city was outdated. Critics agreed.",
            "Officials said the photo was taken in March. They gave no details.",
            "The minister (credited with the deal) left early.",
            "Talks resumed in Geneva on Tuesday, according to the Associated Press."})
    void sentencesMentioningPhotosImagesOrCreditKeepAllTheirText(String paragraph) {
        assertThat(PhotoCredits.strip(paragraph).text()).isEqualTo(paragraph);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "The Reuters/Ipsos poll found a narrow lead.",
            "Fans outside the Wembley/Olympic Park gates before kick-off.",
            "Commuters wait at the station. Trains ran late on the London/Brighton line",
            "Reporting by Sam Reporter/Example Wire",
            "Flowers left for Princess Diana (Flowers for Princess Diana)",
            "Fans outside the ground. Tributes for Princess Diana"})
    void aCaptionWithoutACreditKeepsItsSlashes(String caption) {
        assertThat(PhotoCredits.stripCaption(caption).credits()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Children wade through water near the school. (Marco Vitale/Example Wire)",
            "Children wade through water near the school. Sara Haddad / Example Wire",
            "Children wade through water near the school. (Rebecca Stone for Example Wire)"})
    void aCaptionEndingInABareCreditGivesItUp(String caption) {
        PhotoCredits.Split split = PhotoCredits.stripCaption(caption);

        assertThat(split.text()).isEqualTo("Children wade through water near the school.");
        assertThat(split.credits()).hasSize(1);
    }
}
