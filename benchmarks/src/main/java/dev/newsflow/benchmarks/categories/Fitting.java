package dev.newsflow.benchmarks.categories;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import dev.newsflow.enrichment.categories.IptcTopicClassifier;
import dev.newsflow.enrichment.categories.TaxonomyModel;

/**
 * Fits the classifier's calibration on dev halves by maximum likelihood of the main topic: the scales by grid search,
 * then the per-topic priors by gradient descent with an L2 penalty (so that a prior stays worth a little evidence, not
 * a decision of its own).
 */
final class Fitting {

    private Fitting() {
    }

    static void fit(IptcTopicClassifier classifier, List<IptcEvaluation.Case> dev) {
        double best = Double.NEGATIVE_INFINITY;
        double bestLexicalOnly = 0;
        for (double scale = 1; scale <= 40; scale += 0.5) {
            IptcTopicClassifier.Calibration calibration = new IptcTopicClassifier.Calibration(0, 0, scale);
            double likelihood = likelihood(classifier, dev, calibration, true);
            if (likelihood > best) {
                best = likelihood;
                bestLexicalOnly = scale;
            }
        }
        System.out.printf(Locale.ROOT, "fit (dev, %d articles): lexical-only scale %.1f (mean log-likelihood %.3f)%n", dev.size(),
                bestLexicalOnly, best);
        if (dev.get(0).scores().similarity() == null) {
            return;
        }
        best = Double.NEGATIVE_INFINITY;
        double[] bestScales = new double[2];
        for (double embedding = 10; embedding <= 200; embedding += 5) {
            for (double lexical = 0; lexical <= 30; lexical += 1) {
                IptcTopicClassifier.Calibration calibration = new IptcTopicClassifier.Calibration(embedding, lexical, bestLexicalOnly);
                double likelihood = likelihood(classifier, dev, calibration, false);
                if (likelihood > best) {
                    best = likelihood;
                    bestScales = new double[] {embedding, lexical};
                }
            }
        }
        System.out.printf(Locale.ROOT, "fit (dev): embedding scale %.0f, lexical scale %.0f (mean log-likelihood %.3f)%n",
                bestScales[0], bestScales[1], best);
        IptcTopicClassifier.Calibration scales = new IptcTopicClassifier.Calibration(bestScales[0], bestScales[1], bestLexicalOnly);
        Map<String, Double> priors = priors(classifier, dev, scales);
        System.out.printf(Locale.ROOT, "fit (dev): priors (L2 penalty %.2f) %s (mean log-likelihood %.3f)%n", PRIOR_PENALTY,
                new TreeMap<>(priors), likelihood(classifier, dev, scales.withPriors(priors), false));
    }

    private static final double PRIOR_PENALTY = 0.01;

    private static Map<String, Double> priors(IptcTopicClassifier classifier, List<IptcEvaluation.Case> dev,
            IptcTopicClassifier.Calibration scales) {
        Map<String, Double> priors = new HashMap<>();
        for (int step = 0; step < 400; step++) {
            Map<String, Double> gradient = new HashMap<>();
            for (IptcEvaluation.Case c : dev) {
                for (TaxonomyModel.Prediction prediction : classifier.predictions(c.scores(), scales.withPriors(priors))) {
                    double target = prediction.code().equals(c.label()) ? 1 : 0;
                    gradient.merge(prediction.code(), (prediction.confidence() - target) / dev.size(), Double::sum);
                }
            }
            gradient.forEach((code, slope) -> priors.merge(code,
                    -2.0 * (slope + 2 * PRIOR_PENALTY * priors.getOrDefault(code, 0.0)), Double::sum));
        }
        priors.replaceAll((code, prior) -> Math.round(prior * 100) / 100.0);
        return priors;
    }

    private static double likelihood(IptcTopicClassifier classifier, List<IptcEvaluation.Case> dev,
            IptcTopicClassifier.Calibration calibration, boolean lexicalOnly) {
        double sum = 0;
        for (IptcEvaluation.Case c : dev) {
            IptcTopicClassifier.Scores scores = lexicalOnly ? new IptcTopicClassifier.Scores(null, c.scores().evidence()) : c.scores();
            double p = classifier.predictions(scores, calibration).stream().filter(prediction -> prediction.code().equals(c.label()))
                    .mapToDouble(TaxonomyModel.Prediction::confidence).findFirst().orElse(0);
            sum += Math.log(Math.max(p, 1e-9));
        }
        return sum / dev.size();
    }
}
