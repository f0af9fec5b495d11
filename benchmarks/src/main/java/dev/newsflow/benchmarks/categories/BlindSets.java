package dev.newsflow.benchmarks.categories;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import dev.newsflow.enrichment.categories.LabeledArticle;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The blind sets under {@code categories/blind/} (written by an evaluator who had not seen the topic descriptions or
 * our own sets): each line also names its original news {@code section} and its {@code split}, so one file holds
 * both halves and the tables can be read per section, as a public five- or four-section corpus would be.
 */
final class BlindSets {

    /** The blind sets shipped in this jar. */
    static final List<String> NAMES = List.of("bbc-style", "agnews-style", "huffpost-style");

    /** The codes a public four-section mapping would accept for a World item: politics or conflict, war and peace. */
    private static final Set<String> WORLD = Set.of("medtop:11000000", "medtop:16000000");

    record Item(String section, String split, LabeledArticle article) {
    }

    private final List<Item> items = new ArrayList<>();

    BlindSets(String name) {
        String resource = "categories/blind/" + name + ".jsonl";
        List<String> lines = IptcEvaluation.lines(resource).stream().filter(line -> !line.isBlank()).toList();
        List<LabeledArticle> articles = LabeledArticle.parse(resource, lines);
        JsonMapper json = JsonMapper.builder().build();
        for (int i = 0; i < lines.size(); i++) {
            JsonNode node = json.readTree(lines.get(i));
            items.add(new Item(node.path("section").asString("?"), node.path("split").asString("?"), articles.get(i)));
        }
    }

    /** The sections in the order the file first names them. */
    List<String> sections() {
        Set<String> sections = new LinkedHashSet<>();
        items.forEach(item -> sections.add(item.section()));
        return List.copyOf(sections);
    }

    /** The articles of one half (dev or test). */
    List<Item> split(String split) {
        return items.stream().filter(item -> item.split().equals(split)).toList();
    }

    /**
     * World items read strictly (the per-item label), and leniently as a public four-section mapping would: right when
     * the first topic is politics or conflict, and right when it is politics, conflict or the item's own label.
     */
    void world(List<IptcEvaluation.Case> cases, Map<String, Function<IptcEvaluation.Case, List<String>>> methods) {
        List<IptcEvaluation.Case> world = cases.stream().filter(c -> c.set().equals("World")).toList();
        if (world.isEmpty()) {
            return;
        }
        System.out.printf(Locale.ROOT, "%nWorld top-1 (%d items): strict (per-item label) / politics or conflict / "
                + "label, politics or conflict%n", world.size());
        methods.forEach((name, method) -> {
            int strict = 0;
            int politicsOrConflict = 0;
            int either = 0;
            for (IptcEvaluation.Case c : world) {
                String first = method.apply(c).get(0);
                strict += first.equals(c.label()) ? 1 : 0;
                politicsOrConflict += WORLD.contains(first) ? 1 : 0;
                either += first.equals(c.label()) || WORLD.contains(first) ? 1 : 0;
            }
            double n = world.size();
            System.out.printf(Locale.ROOT, "%-14s %.2f / %.2f / %.2f%n", name, strict / n, politicsOrConflict / n, either / n);
        });
    }

    /** The most frequent (label, first topic) confusions of {@code method}, each with the first title that shows it. */
    void confusions(List<IptcEvaluation.Case> cases, String name, Function<IptcEvaluation.Case, List<String>> method) {
        Map<String, List<IptcEvaluation.Case>> byPair = new LinkedHashMap<>();
        for (IptcEvaluation.Case c : cases) {
            String first = method.apply(c).get(0);
            if (!first.equals(c.label())) {
                byPair.computeIfAbsent(c.set() + " " + c.label().substring(7, 9) + " -> " + first.substring(7, 9),
                        pair -> new ArrayList<>()).add(c);
            }
        }
        System.out.printf(Locale.ROOT, "%nconfusions of %s (section label -> first topic, count, an example)%n", name);
        byPair.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, List<IptcEvaluation.Case>> e) -> e.getValue().size()).reversed())
                .limit(12)
                .forEach(e -> System.out.printf(Locale.ROOT, "%-24s %3d  %s%n", e.getKey(), e.getValue().size(),
                        e.getValue().get(0).article().title()));
    }
}
