package dev.newsflow.benchmarks.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The clean-text evaluations read their set and print ours beside the baselines for both splits. */
class TextEvaluationsTest {

    @Test
    void theEvaluationSetHasDevAndTestArticlesEachWithBodyAndEditorsPhrases() {
        List<EvalArticle> articles = EvalArticle.load();

        assertThat(articles).anyMatch(EvalArticle::test).anyMatch(article -> !article.test());
        assertThat(articles).allSatisfy(article -> {
            assertThat(article.bodyParagraphs()).isNotEmpty();
            assertThat(article.phrases()).hasSizeBetween(3, 6);
            assertThat(article.bodyParagraphs()).noneMatch(paragraph -> paragraph.startsWith("[caption]"));
        });
    }

    @Test
    void keyPhrasesArePrintedBesideTheBigramBaselinePerSplit() {
        List<String> report = new KeyPhraseEvaluation().run(EvalArticle.load());

        assertThat(report).filteredOn(line -> line.contains("ours (noun phrases)")).hasSize(2)
                .allSatisfy(line -> assertThat(line).contains("exact P@5", "partial"));
        assertThat(report).filteredOn(line -> line.contains("TF-IDF bigrams")).hasSize(2);
    }

    @Test
    void pagesArePrintedBesideThePlainReadersPerSplit() {
        List<String> report = PageExtractionEvaluation.run(EvalArticle.load());

        assertThat(report).filteredOn(line -> line.contains("ours (HtmlPage")).hasSize(2);
        assertThat(report).filteredOn(line -> line.contains("jsoup body().text()")).hasSize(2);
        assertThat(report).filteredOn(line -> line.contains("ours (PageText")).hasSize(2);
        assertThat(report).filteredOn(line -> line.contains("first line + rest")).hasSize(2);
    }
}
