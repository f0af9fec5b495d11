package dev.newsflow.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LinkBoxesTest {

    private static final String REPORT = "A magnitude 5.9 earthquake struck eastern Turkey on Thursday, damaging buildings.\n\n"
            + "AFAD said 34 people had been treated in hospital.";

    @Test
    void aHeadingAndItsListedHeadlinesInOneParagraphAreNotTheArticlesText() {
        String body = REPORT + "\n\nRelated posts\n• Strong earthquake kills 11 in southern Peru\n• Lira slides to new low";

        assertThat(LinkBoxes.strip(body)).isEqualTo(REPORT);
        assertThat(LinkBoxes.strip(REPORT + "\n\nYou may also like:\nECB holds rates at 2%\nIs now the time to fix your tariff?"))
                .isEqualTo(REPORT);
    }

    @Test
    void aHeadingAloneTakesTheOneLineParagraphsAfterItButNotTheProseThatFollows() {
        String body = "Intro paragraph of the report.\n\nMore on this story\n\nBus plunges into ravine in Cusco\n\n"
                + "- Peru's Congress debates mining royalties\n\nThe army reached the villages on Wednesday, officials said.";

        assertThat(LinkBoxes.strip(body))
                .isEqualTo("Intro paragraph of the report.\n\nThe army reached the villages on Wednesday, officials said.");
    }

    @Test
    void anInlineReadMoreLineGoesButASentenceStartingWithTheSameWordsStays() {
        assertThat(LinkBoxes.strip(REPORT + "\n\nRead more: Strike ends with 61,000 appointments moved")).isEqualTo(REPORT);

        String prose = REPORT + "\n\nRelated talks stalled on Tuesday, the ministry said.\n\nSee also the chart below.";
        assertThat(LinkBoxes.strip(prose)).isSameAs(prose);
        String heading = REPORT + "\n\nRead more\n\nThe minister said the inquiry would report in March, and that "
                + "no one would be spared.";
        assertThat(LinkBoxes.strip(heading)).isSameAs(heading);
        String recommendedProse = "Recommended\nby the committee, the plan was adopted on Monday with a large majority of the "
                + "members present and voting in favour.";
        assertThat(LinkBoxes.strip(recommendedProse)).isSameAs(recommendedProse);
    }

    @Test
    void aHeadingIsTheWholeLine() {
        assertThat(LinkBoxes.isHeading("More on this story")).isTrue();
        assertThat(LinkBoxes.isHeading("You may also like:")).isTrue();
        assertThat(LinkBoxes.isHeading("Related talks stalled on Tuesday.")).isFalse();
    }
}
