package dev.newsflow.enrichment.categories;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;

/** Test-side scoring of single-label predictions: accuracy and per-category F1 (the full report is benchmarks' Evaluation). */
record Scored(List<String> actual, List<String> predicted) {

    double accuracy() {
        int correct = 0;
        for (int i = 0; i < actual.size(); i++) {
            correct += Objects.equals(actual.get(i), predicted.get(i)) ? 1 : 0;
        }
        return actual.isEmpty() ? 0 : correct / (double) actual.size();
    }

    double f1(String category) {
        int truePositives = 0;
        int predictedCount = 0;
        int actualCount = 0;
        for (int i = 0; i < actual.size(); i++) {
            boolean isActual = category.equals(actual.get(i));
            boolean isPredicted = category.equals(predicted.get(i));
            truePositives += isActual && isPredicted ? 1 : 0;
            predictedCount += isPredicted ? 1 : 0;
            actualCount += isActual ? 1 : 0;
        }
        double precision = predictedCount == 0 ? 0 : truePositives / (double) predictedCount;
        double recall = actualCount == 0 ? 0 : truePositives / (double) actualCount;
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }

    /** Mean F1 over the categories that occur among the actual labels. */
    double macroF1() {
        return new TreeSet<>(actual).stream().mapToDouble(this::f1).average().orElse(0);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "accuracy %.3f, macro-F1 %.3f over %d", accuracy(), macroF1(), actual.size());
    }
}
