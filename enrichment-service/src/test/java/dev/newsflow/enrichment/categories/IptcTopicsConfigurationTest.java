package dev.newsflow.enrichment.categories;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.newsflow.enrichment.EnrichmentProperties;
import dev.newsflow.enrichment.text.ArticleText;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/** The service's own configuration ({@code application.yml}) with the embedding model switched off, as an operator would. */
class IptcTopicsConfigurationTest {

    @Test
    void withEmbeddingsSwitchedOffEveryArticleStillGetsATopicAndMostAreRight() throws IOException {
        IptcTopics topics = new IptcTopics(new ArticleText(), properties(Map.of("newsflow.enrichment.categories.embeddings", "false")));
        ArticleText text = new ArticleText();
        List<LabeledArticle> test = LabeledArticle.read(IptcTopicClassifierTest.EVAL.resolve("iptc-test.jsonl"));

        int right = 0;
        for (LabeledArticle article : test) {
            List<TaxonomyModel.Prediction> predictions = topics.predict(article.title(), article.body(),
                    text.termFrequencies(article.title(), article.body()));
            assertThat(predictions.get(0).confidence()).isGreaterThan(1.0 / 17);
            right += predictions.get(0).code().equals(article.categories().get(0)) ? 1 : 0;
        }

        assertThat(right / (double) test.size()).isGreaterThanOrEqualTo(0.75);
        assertThat(topics.labels()).hasSize(17).containsEntry("medtop:11000000", "politics");
    }

    @Test
    void embeddingsAreOnByDefault() throws IOException {
        assertThat(properties(Map.of()).categories().embeddings()).isTrue();
    }

    // The learned models' defaults in application.yml are the ones the evaluation command measured.
    @Test
    void thePublisherCategoriesEmbeddingScaleIsTheMeasuredOneAndAnOperatorCanTurnItOff() throws IOException {
        assertThat(properties(Map.of()).categories().embeddingScale()).isEqualTo(TaxonomyModel.Settings.DEFAULTS.embeddingScale());
        assertThat(properties(Map.of("CATEGORIES_EMBEDDING_SCALE", "0")).categories().embeddingScale()).isZero();
    }

    private static EnrichmentProperties properties(Map<String, Object> overrides) throws IOException {
        List<PropertySource<?>> sources = new ArrayList<>();
        sources.add(new MapPropertySource("overrides", overrides));
        sources.addAll(new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yml")));
        return new Binder(ConfigurationPropertySources.from(sources), new PropertySourcesPlaceholdersResolver(sources))
                .bind("newsflow.enrichment", EnrichmentProperties.class).get();
    }
}
