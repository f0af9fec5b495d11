package dev.newsflow.benchmarks.categories;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.newsflow.enrichment.categories.EmbeddingModels;
import dev.newsflow.enrichment.categories.EmbeddingTopicScorer;
import dev.newsflow.enrichment.categories.IptcTopicClassifier;
import dev.newsflow.enrichment.categories.LabeledArticle;
import dev.newsflow.enrichment.categories.LexicalTopicScorer;
import dev.newsflow.enrichment.categories.TaxonomyModel;
import dev.newsflow.enrichment.categories.TopicDescriptions;
import dev.newsflow.enrichment.text.ArticleText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The IPTC evaluation command: our zero-shot classifier (with embeddings, and lexical only) beside the plain
 * baselines, in one run, on our own labelled sets (shipped in this jar under {@code categories/eval/}): top-1 and
 * top-2 per topic and per set, the reliability curve of our confidences, long articles against their headline and
 * lead alone, and how often a second label is right.
 *
 * <pre>java -Xmx2g -jar benchmarks/target/newsflow-benchmarks.jar iptc-evaluation [--split=test|dev] [--no-embeddings] [--fit] [--errors] [--blind=bbc-style|agnews-style|huffpost-style]</pre>
 * {@code --fit} fits the calibration (scales and priors) on all dev halves, ours and the blind sets' (never on test),
 * and prints it; {@code --errors} lists the articles the first method gets wrong; {@code --blind} reads one of the
 * {@link BlindSets} instead of our own sets (tables by original section, World strict and lenient, the most frequent
 * confusions).
 */
@Command(name = "iptc-evaluation", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"IPTC topics: our classifier beside plain baselines, top-1/top-2 (run with -Xmx2g).",
                "Baselines: label match, TF-IDF cosine, e5 against one-line descriptions, Naive Bayes trained on dev.",
                "Our own sets or a blind set by section; reliability curve, long articles against their lead, second labels."})
public final class IptcEvaluation implements Callable<Integer> {

    @Option(names = "--split", paramLabel = "dev|test", defaultValue = "test",
            description = "the half evaluated; tuning only ever reads dev (default ${DEFAULT-VALUE})")
    String split;

    @Option(names = "--no-embeddings", description = "without the embedding model: the words-only path and the word baselines")
    boolean noEmbeddings;

    @Option(names = "--fit", description = "fit the calibration (scales, priors) on all dev halves, ours and the blind sets', and print it")
    boolean fit;

    @Option(names = "--errors", description = "list the articles our classifier gets wrong")
    boolean errors;

    @Option(names = "--blind", paramLabel = "bbc-style|agnews-style|huffpost-style",
            description = "evaluate one of the blind sets (by original section) instead of our own sets")
    String blindSet;

    static final List<String> SETS = List.of("iptc", "fivesection", "foursection");

    private final ArticleText text = new ArticleText();
    private final TopicDescriptions descriptions = TopicDescriptions.load();
    private final List<String> codes = new ArrayList<>(descriptions.labels().keySet());
    private BlindSets blind;

    /** One labelled article with everything the methods compute from it. */
    record Case(String set, LabeledArticle article, Map<String, Integer> frequencies, IptcTopicClassifier.Scores scores) {

        String label() {
            return article.categories().get(0);
        }

        boolean isLong() {
            return article.body().length() > 800;
        }
    }

    @Override
    public Integer call() {
        blind = blindSet == null ? null : new BlindSets(blindSet);
        run(!noEmbeddings);
        return 0;
    }

    private void run(boolean withEmbeddings) {
        long started = System.nanoTime();
        EmbeddingModel model = withEmbeddings ? EmbeddingModels.e5SmallV2Quantized() : null;
        LexicalTopicScorer lexical = new LexicalTopicScorer(descriptions, text, LexicalTopicScorer.Settings.DEFAULTS);
        EmbeddingTopicScorer embeddings = model == null ? null
                : new EmbeddingTopicScorer(descriptions, model, EmbeddingTopicScorer.Settings.DEFAULTS);
        IptcTopicClassifier ours = new IptcTopicClassifier(descriptions, lexical, embeddings, IptcTopicClassifier.Calibration.DEFAULTS);
        IptcTopicClassifier lexicalOnly = new IptcTopicClassifier(descriptions, lexical, null, IptcTopicClassifier.Calibration.DEFAULTS);
        DescriptionBaselines baselines = new DescriptionBaselines(descriptions, text, model);
        System.out.printf(Locale.ROOT, "models ready in %d ms (embeddings: %s)%n", (System.nanoTime() - started) / 1_000_000,
                withEmbeddings ? "e5-small-v2-q" : "off");

        List<Case> dev = cases("dev", ours);
        List<Case> test = split.equals("dev") ? dev : cases(split, ours);
        if (fit) {
            Fitting.fit(ours, allDevHalves(ours));
        }
        TaxonomyModel naiveBayes = new TaxonomyModel(TaxonomyModel.Settings.DEFAULTS);
        dev.forEach(c -> naiveBayes.apply(TaxonomyModel.features(c.frequencies()),
                List.of(new TaxonomyModel.Label(c.label(), c.label())), 1));

        Map<String, Function<Case, List<String>>> methods = new LinkedHashMap<>();
        if (withEmbeddings) {
            methods.put("ours", c -> ranked(ours.predictions(c.scores())));
        }
        if (withEmbeddings) {
            IptcTopicClassifier.Calibration fitted = IptcTopicClassifier.Calibration.DEFAULTS;
            IptcTopicClassifier.Calibration embeddingsOnly = new IptcTopicClassifier.Calibration(fitted.embeddingScale(), 0, 0);
            methods.put("ours-e5-only", c -> ranked(ours.predictions(c.scores(), embeddingsOnly)));
        }
        methods.put("ours-lexical", c -> ranked(lexicalOnly.predictions(new IptcTopicClassifier.Scores(null, c.scores().evidence()))));
        methods.put("label-match", c -> ranking(baselines.labelMatch(c.frequencies())));
        methods.put("tfidf-cosine", c -> ranking(baselines.tfIdfCosine(c.frequencies())));
        if (baselines.hasEmbeddings()) {
            methods.put("e5-one-line", c -> ranking(baselines.embeddingOneLine(c.article().title(), c.article().body())));
        }
        methods.put(split.equals("dev") ? "nb-dev(self)" : "nb-dev", c -> ranked(naiveBayes.predict(c.frequencies())));

        Report report = new Report(codes, descriptions.labels());
        System.out.printf(Locale.ROOT, "%nsplit: %s (%d articles; Naive Bayes trained on the %d dev articles)%n", split,
                test.size(), dev.size());
        report.byTopic(test, methods);
        report.bySet(test, methods, blind == null ? SETS : blind.sections());
        if (blind != null) {
            blind.world(test, methods);
            blind.confusions(test, methods.keySet().iterator().next(), methods.values().iterator().next());
        }
        if (withEmbeddings) {
            report.reliability("ours", test, c -> ours.predictions(c.scores()));
        }
        report.reliability("ours-lexical", test,
                c -> lexicalOnly.predictions(new IptcTopicClassifier.Scores(null, c.scores().evidence())));
        if (errors) {
            report.errors(test, methods.values().iterator().next());
        }
        report.longAgainstLead(test, withEmbeddings ? ours : lexicalOnly, text);
        report.secondLabels(test, c -> withEmbeddings ? ours.predictions(c.scores())
                : lexicalOnly.predictions(new IptcTopicClassifier.Scores(null, c.scores().evidence())));
    }

    private List<Case> cases(String split, IptcTopicClassifier classifier) {
        List<Case> cases = new ArrayList<>();
        if (blind != null) {
            blind.split(split).forEach(item -> cases.add(scored(item.section(), item.article(), classifier)));
            return cases;
        }
        for (String set : SETS) {
            read(set + "-" + split + ".jsonl").forEach(article -> cases.add(scored(set, article, classifier)));
        }
        return cases;
    }

    /** Every dev half there is: our own sets' and the blind sets' (the calibration is fitted on all of them). */
    private List<Case> allDevHalves(IptcTopicClassifier classifier) {
        List<Case> cases = new ArrayList<>();
        for (String set : SETS) {
            read(set + "-dev.jsonl").forEach(article -> cases.add(scored(set, article, classifier)));
        }
        for (String name : BlindSets.NAMES) {
            new BlindSets(name).split("dev").forEach(item -> cases.add(scored(item.section(), item.article(), classifier)));
        }
        return cases;
    }

    private Case scored(String set, LabeledArticle article, IptcTopicClassifier classifier) {
        Map<String, Integer> frequencies = text.termFrequencies(article.title(), article.body());
        return new Case(set, article, frequencies, classifier.scores(article.title(), article.body(), frequencies));
    }

    static List<LabeledArticle> read(String name) {
        String resource = "categories/eval/" + name;
        return LabeledArticle.parse(resource, lines(resource));
    }

    static List<String> lines(String resource) {
        try (InputStream in = IptcEvaluation.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static List<String> ranked(List<TaxonomyModel.Prediction> predictions) {
        return predictions.stream().map(TaxonomyModel.Prediction::code).toList();
    }

    private List<String> ranking(double[] scores) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            order.add(i);
        }
        order.sort((a, b) -> Double.compare(scores[b], scores[a]));
        return order.stream().map(codes::get).toList();
    }
}
