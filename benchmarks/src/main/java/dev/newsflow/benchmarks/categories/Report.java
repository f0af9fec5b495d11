package dev.newsflow.benchmarks.categories;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import dev.newsflow.enrichment.categories.IptcTopicClassifier;
import dev.newsflow.enrichment.categories.TaxonomyModel;
import dev.newsflow.enrichment.text.ArticleText;

/** The tables {@link IptcEvaluation} prints. */
final class Report {

    private final List<String> codes;
    private final Map<String, String> labels;

    Report(List<String> codes, Map<String, String> labels) {
        this.codes = codes;
        this.labels = labels;
    }

    /** Top-1 / top-2 of every method for the articles whose main topic is each topic, then for all. */
    void byTopic(List<IptcEvaluation.Case> cases, Map<String, Function<IptcEvaluation.Case, List<String>>> methods) {
        System.out.printf(Locale.ROOT, "%ntop-1 / top-2 by main topic%n%-28s %4s", "topic", "n");
        methods.keySet().forEach(name -> System.out.printf(Locale.ROOT, " %13s", name));
        System.out.println();
        for (String code : codes) {
            List<IptcEvaluation.Case> of = cases.stream().filter(c -> c.label().equals(code)).toList();
            if (!of.isEmpty()) {
                row(code.substring(7, 9) + " " + shorten(labels.get(code)), of, methods);
            }
        }
        row("all", cases, methods);
    }

    void bySet(List<IptcEvaluation.Case> cases, Map<String, Function<IptcEvaluation.Case, List<String>>> methods, List<String> sets) {
        System.out.printf(Locale.ROOT, "%ntop-1 / top-2 by set (iptc: our 17-topic set; fivesection / foursection: held-out-style sets)%n");
        for (String set : sets) {
            List<IptcEvaluation.Case> of = cases.stream().filter(c -> c.set().equals(set)).toList();
            row(set, of, methods);
            List<IptcEvaluation.Case> longOnes = of.stream().filter(IptcEvaluation.Case::isLong).toList();
            if (!longOnes.isEmpty() && longOnes.size() < of.size()) {
                row(set + " long", longOnes, methods);
                row(set + " short", of.stream().filter(c -> !c.isLong()).toList(), methods);
            }
        }
    }

    private void row(String name, List<IptcEvaluation.Case> cases, Map<String, Function<IptcEvaluation.Case, List<String>>> methods) {
        System.out.printf(Locale.ROOT, "%-28s %4d", name, cases.size());
        methods.values().forEach(method -> {
            int first = 0;
            int second = 0;
            for (IptcEvaluation.Case c : cases) {
                List<String> ranking = method.apply(c);
                first += !ranking.isEmpty() && ranking.get(0).equals(c.label()) ? 1 : 0;
                second += ranking.stream().limit(2).anyMatch(c.label()::equals) ? 1 : 0;
            }
            System.out.printf(Locale.ROOT, "   %.2f / %.2f", first / (double) cases.size(), second / (double) cases.size());
        });
        System.out.println();
    }

    /** The articles {@code method} ranks wrong, with its first two topics. */
    void errors(List<IptcEvaluation.Case> cases, Function<IptcEvaluation.Case, List<String>> method) {
        System.out.printf(Locale.ROOT, "%nerrors of the first method (main topic -> its first two)%n");
        for (IptcEvaluation.Case c : cases) {
            List<String> ranking = method.apply(c);
            if (!ranking.get(0).equals(c.label())) {
                System.out.printf(Locale.ROOT, "%-24s %s -> %s, %s  %s%n", c.article().id(), c.label().substring(7, 9),
                        ranking.get(0).substring(7, 9), ranking.get(1).substring(7, 9), c.article().title());
            }
        }
    }

    /** Bins of the top confidence against how often the top topic is the main topic, and the expected calibration error. */
    void reliability(String name, List<IptcEvaluation.Case> cases, Function<IptcEvaluation.Case, List<TaxonomyModel.Prediction>> method) {
        int bins = 10;
        int[] count = new int[bins];
        double[] confidence = new double[bins];
        int[] correct = new int[bins];
        for (IptcEvaluation.Case c : cases) {
            TaxonomyModel.Prediction top = method.apply(c).get(0);
            int bin = Math.min(bins - 1, (int) (top.confidence() * bins));
            count[bin]++;
            confidence[bin] += top.confidence();
            correct[bin] += top.code().equals(c.label()) ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "%nreliability of %s (top confidence against top-1 accuracy)%n%-12s %6s %10s %9s%n",
                name, "confidence", "n", "mean conf", "accuracy");
        double ece = 0;
        for (int bin = 0; bin < bins; bin++) {
            if (count[bin] == 0) {
                continue;
            }
            double meanConfidence = confidence[bin] / count[bin];
            double accuracy = correct[bin] / (double) count[bin];
            ece += count[bin] / (double) cases.size() * Math.abs(meanConfidence - accuracy);
            System.out.printf(Locale.ROOT, "%.1f-%.1f      %6d %10.2f %9.2f%n", bin / 10.0, (bin + 1) / 10.0, count[bin],
                    meanConfidence, accuracy);
        }
        System.out.printf(Locale.ROOT, "ECE %.3f%n", ece);
    }

    /** Long articles read whole against the same articles cut to headline and first paragraph. */
    void longAgainstLead(List<IptcEvaluation.Case> cases, IptcTopicClassifier classifier, ArticleText text) {
        List<IptcEvaluation.Case> longOnes = cases.stream().filter(IptcEvaluation.Case::isLong).toList();
        int whole = 0;
        int lead = 0;
        double wholeConfidence = 0;
        double leadConfidence = 0;
        for (IptcEvaluation.Case c : longOnes) {
            List<TaxonomyModel.Prediction> full = classifier.predictions(c.scores());
            String firstParagraph = c.article().body().strip().split("\\n", 2)[0];
            List<TaxonomyModel.Prediction> cut = classifier.predict(c.article().title(), firstParagraph,
                    text.termFrequencies(c.article().title(), firstParagraph));
            whole += full.get(0).code().equals(c.label()) ? 1 : 0;
            lead += cut.get(0).code().equals(c.label()) ? 1 : 0;
            wholeConfidence += confidenceOf(full, c.label());
            leadConfidence += confidenceOf(cut, c.label());
        }
        int n = Math.max(1, longOnes.size());
        System.out.printf(Locale.ROOT, "%nlong articles (%d): top-1 whole %.2f, headline + first paragraph %.2f; "
                + "mean confidence in the main topic whole %.2f, lead %.2f%n", longOnes.size(), whole / (double) n,
                lead / (double) n, wholeConfidence / n, leadConfidence / n);
    }

    /** For each threshold: how many articles would get a second label, and how often it is one of their labels. */
    void secondLabels(List<IptcEvaluation.Case> cases, Function<IptcEvaluation.Case, List<TaxonomyModel.Prediction>> method) {
        System.out.printf(Locale.ROOT, "%nsecond label when its confidence >= t: share of articles, share right (one of the article's labels)%n");
        for (double threshold : new double[] {0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4}) {
            int shown = 0;
            int right = 0;
            for (IptcEvaluation.Case c : cases) {
                TaxonomyModel.Prediction second = method.apply(c).get(1);
                if (second.confidence() >= threshold) {
                    shown++;
                    right += c.article().categories().contains(second.code()) ? 1 : 0;
                }
            }
            System.out.printf(Locale.ROOT, "t=%.2f  %.2f  %.2f%n", threshold, shown / (double) cases.size(),
                    shown == 0 ? 0 : right / (double) shown);
        }
    }

    private static double confidenceOf(List<TaxonomyModel.Prediction> predictions, String code) {
        return predictions.stream().filter(p -> p.code().equals(code)).mapToDouble(TaxonomyModel.Prediction::confidence).findFirst().orElse(0);
    }

    private static String shorten(String label) {
        return label.length() <= 25 ? label : label.substring(0, 24) + "…";
    }
}
