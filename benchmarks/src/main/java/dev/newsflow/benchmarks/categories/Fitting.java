package dev.newsflow.benchmarks.categories;

import java.util.List;
import java.util.Locale;

import dev.newsflow.enrichment.categories.IptcTopicClassifier;
import dev.newsflow.enrichment.categories.TaxonomyModel;

/** Fits the classifier's calibration scales on the dev split by maximum likelihood of the main topic (grid search). */
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
