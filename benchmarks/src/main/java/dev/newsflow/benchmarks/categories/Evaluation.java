package dev.newsflow.benchmarks.categories;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Single-label evaluation of predicted against actual categories: accuracy, per-category precision, recall and
 * F1, their unweighted mean (macro-F1), and the confusion matrix (rows actual, columns predicted; a missing
 * prediction counts as the column "(none)").
 */
public final class Evaluation {

    static final String NONE = "(none)";

    private final List<String> categories;
    private final int[][] confusion;
    private final int examples;

    private Evaluation(List<String> categories, int[][] confusion, int examples) {
        this.categories = categories;
        this.confusion = confusion;
        this.examples = examples;
    }

    /** {@code predicted.get(i)} is the prediction for {@code actual.get(i)}, or {@code null} if there was none. */
    public static Evaluation of(List<String> actual, List<String> predicted) {
        TreeSet<String> known = new TreeSet<>(actual);
        predicted.stream().filter(p -> p != null).forEach(known::add);
        List<String> categories = new ArrayList<>(known);
        categories.add(NONE);
        int[][] confusion = new int[categories.size()][categories.size()];
        for (int i = 0; i < actual.size(); i++) {
            String prediction = predicted.get(i) == null ? NONE : predicted.get(i);
            confusion[categories.indexOf(actual.get(i))][categories.indexOf(prediction)]++;
        }
        return new Evaluation(List.copyOf(categories), confusion, actual.size());
    }

    public double accuracy() {
        int correct = 0;
        for (int i = 0; i < categories.size(); i++) {
            correct += confusion[i][i];
        }
        return examples == 0 ? 0 : (double) correct / examples;
    }

    /** Mean F1 over the categories that occur among the actual labels. */
    public double macroF1() {
        double sum = 0;
        int counted = 0;
        for (int i = 0; i < categories.size() - 1; i++) {
            if (actualCount(i) > 0) {
                sum += f1(i);
                counted++;
            }
        }
        return counted == 0 ? 0 : sum / counted;
    }

    public double f1(String category) {
        return f1(categories.indexOf(category));
    }

    private double f1(int i) {
        double precision = precision(i);
        double recall = recall(i);
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }

    private double precision(int i) {
        int predictedCount = 0;
        for (int[] row : confusion) {
            predictedCount += row[i];
        }
        return predictedCount == 0 ? 0 : (double) confusion[i][i] / predictedCount;
    }

    private double recall(int i) {
        int actualCount = actualCount(i);
        return actualCount == 0 ? 0 : (double) confusion[i][i] / actualCount;
    }

    private int actualCount(int i) {
        int count = 0;
        for (int value : confusion[i]) {
            count += value;
        }
        return count;
    }

    /** A plain-text report: summary, per-category scores and the confusion matrix. */
    public String report() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "examples  %d%naccuracy  %.3f%nmacro-F1  %.3f%n%n", examples, accuracy(), macroF1()));
        int width = Math.max(10, categories.stream().mapToInt(String::length).max().orElse(0) + 5);
        out.append(String.format(Locale.ROOT, "%-" + width + "s %9s %9s %9s %7s%n", "category", "precision", "recall", "F1", "count"));
        for (int i = 0; i < categories.size() - 1; i++) {
            out.append(String.format(Locale.ROOT, "%-" + width + "s %9.3f %9.3f %9.3f %7d%n", categories.get(i), precision(i),
                    recall(i), f1(i), actualCount(i)));
        }
        out.append(String.format(Locale.ROOT, "%nconfusion matrix (rows: actual, columns: predicted)%n%-" + width + "s", ""));
        for (int j = 0; j < categories.size(); j++) {
            out.append(String.format(Locale.ROOT, " %6s", abbreviation(j)));
        }
        out.append(System.lineSeparator());
        for (int i = 0; i < categories.size() - 1; i++) {
            out.append(String.format(Locale.ROOT, "%-" + width + "s", abbreviation(i) + " " + categories.get(i)));
            for (int j = 0; j < categories.size(); j++) {
                out.append(String.format(Locale.ROOT, " %6d", confusion[i][j]));
            }
            out.append(System.lineSeparator());
        }
        return out.toString();
    }

    private String abbreviation(int i) {
        return i == categories.size() - 1 ? "none" : "c" + (i + 1);
    }
}
