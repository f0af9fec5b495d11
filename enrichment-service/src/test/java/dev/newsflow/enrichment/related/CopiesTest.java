package dev.newsflow.enrichment.related;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.newsflow.enrichment.text.AnalysedText;
import dev.newsflow.enrichment.text.ArticleText;
import dev.newsflow.events.RelatedPost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A copy is a copy of the article indexed first, whatever the two publication dates, and never a related post. */
class CopiesTest {

    private static final Instant ORIGINAL_TIME = Instant.parse("2026-03-04T02:40:00Z");
    private static final String LEAD = "A magnitude 6.4 earthquake struck Indonesia's West Sulawesi province before dawn on "
            + "Wednesday, killing at least 34 people and trapping dozens under collapsed buildings in the coastal city of "
            + "Mamuju, the national disaster agency said.";
    private static final String BODY = LEAD + "\n\nThe quake hit at 2:18 a.m. local time at a depth of 10 kilometres, about "
            + "6 kilometres south of Mamuju, according to the meteorology agency. Residents ran into the streets in "
            + "darkness as a second strong tremor followed minutes later.\n\nThe governor's office, a hospital and a "
            + "shopping centre in Mamuju were among the buildings that partly collapsed. Landslides cut the main road "
            + "linking Mamuju with the neighbouring district of Majene.";
    private static final String CAPTION = LEAD + " Photo credit: Jane Doe / Pool via EPA";
    private static final String FOLLOW_UP = "Rescuers pulled more bodies from the rubble in Mamuju on Thursday as the death "
            + "toll from the West Sulawesi earthquake rose to 56, and navy ships carried tents and medicine from Makassar "
            + "because the landslide still blocked the road from Majene.";

    private final ArticleText text = new ArticleText();
    private final ArticleNames names = new ArticleNames(text);
    private final ContentSignature signatures = new ContentSignature();
    private final RelatedIndex index = new RelatedIndex(null);
    private final RelatedPostFinder finder = new RelatedPostFinder(index, new RelatedPostFinder.Settings(5, Duration.ofDays(30),
            30, 0.05, 0.5, 0.4, Duration.ofDays(3), Duration.ofDays(3), 5, 0.1));

    @ParameterizedTest(name = "copy published {0} days from the original")
    @ValueSource(ints = {0, -2, 3, -90, 400})
    void aCopyWithACaptionOrCreditIsMarkedWhateverItsDateAndNeverRelated(int daysApart) {
        relateAndIndex("original", "Strong earthquake kills at least 34 in West Sulawesi", BODY + "\n\n" + CAPTION, ORIGINAL_TIME);
        Instant copyTime = ORIGINAL_TIME.plus(Duration.ofDays(daysApart));

        RelatedPostFinder.Relations captionDropped = relateAndIndex("copy-1", "Deadly quake in Indonesia", BODY, copyTime);
        RelatedPostFinder.Relations creditAppended = relateAndIndex("copy-2", "Quake kills 34",
                BODY + "\n\n" + CAPTION + "\n\nReporting by Asia Wire; editing by John Smith", copyTime.plusSeconds(60));
        RelatedPostFinder.Relations followUp = relateAndIndex("follow-up", "Quake toll rises to 56", FOLLOW_UP,
                ORIGINAL_TIME.plus(Duration.ofDays(1)));

        assertThat(captionDropped.duplicateOf()).isEqualTo("original");
        assertThat(creditAppended.duplicateOf()).isEqualTo("original");
        assertThat(captionDropped.storyId()).isEqualTo("original");
        assertThat(ids(captionDropped.relatedPosts())).doesNotContain("original", "copy-2");
        assertThat(ids(creditAppended.relatedPosts())).doesNotContain("original", "copy-1");
        assertThat(captionDropped.reverse()).isEmpty();
        assertThat(followUp.duplicateOf()).isNull();
        assertThat(ids(followUp.relatedPosts())).contains("original").doesNotContain("copy-1", "copy-2");
    }

    private RelatedPostFinder.Relations relateAndIndex(String id, String title, String body, Instant time) {
        AnalysedText analysed = text.analyse(title, body);
        RelatedPostFinder.Article article = new RelatedPostFinder.Article(id, title, null, time, List.of("medtop:03000000"),
                List.of("disaster"), analysed.stemFrequencies(), names.of(body), signatures.of(body), analysed.surfaces());
        RelatedPostFinder.Relations relations = finder.relate(article);
        index.put(new IndexedArticle(id, 1, title, null, time, article.categoryCodes(), article.categoryLabels(),
                article.terms(), article.stems(), article.signature(), relations.storyId(), relations.duplicateOf()));
        return relations;
    }

    private static List<String> ids(List<RelatedPost> posts) {
        return posts.stream().map(RelatedPost::articleId).toList();
    }

    @AfterEach
    void close() {
        index.close();
    }
}
