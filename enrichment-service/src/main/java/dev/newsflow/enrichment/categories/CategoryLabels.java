package dev.newsflow.enrichment.categories;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.newsflow.events.CategoryAssignment;

/**
 * Reads the categories an article arrives with (or an editor sets). An IPTC Media Topic is recognised by its code
 * ({@code medtop:15000000}) or NewsCodes URI ({@code http://cv.iptc.org/newscodes/mediatopic/15000000}); anything
 * else is a label of the publisher's own taxonomy, whose code is the label lower-cased with spaces as hyphens.
 */
final class CategoryLabels {

    private static final Pattern IPTC = Pattern.compile(
            "(?:medtop:|https?://cv\\.iptc\\.org/newscodes/mediatopic/)(\\d{8})", Pattern.CASE_INSENSITIVE);

    private CategoryLabels() {
    }

    /** The model's taxonomy key for {@code publisher}'s own categories. */
    static String publisherTaxonomy(String publisher) {
        return CategoryAssignment.PUBLISHER + ":" + (publisher == null ? "" : publisher);
    }

    /**
     * {@code given} as taxonomy labels, in order, without repeats: IPTC codes in {@link CategoryAssignment#IPTC}
     * (labelled from {@code iptcLabels}, the top level; a deeper code keeps its code as label), the rest in
     * {@code publisher}'s taxonomy.
     */
    static List<ModelStore.TaxonomyLabel> parse(List<String> given, String publisher, Map<String, String> iptcLabels) {
        List<ModelStore.TaxonomyLabel> labels = new ArrayList<>();
        for (String category : given) {
            if (category == null || category.isBlank()) {
                continue;
            }
            String label = category.strip();
            Matcher iptc = IPTC.matcher(label);
            ModelStore.TaxonomyLabel parsed;
            if (iptc.matches()) {
                String code = "medtop:" + iptc.group(1);
                parsed = new ModelStore.TaxonomyLabel(CategoryAssignment.IPTC,
                        new TaxonomyModel.Label(code, iptcLabels.getOrDefault(code, code)));
            }
            else {
                parsed = new ModelStore.TaxonomyLabel(publisherTaxonomy(publisher),
                        new TaxonomyModel.Label(label.toLowerCase(Locale.ROOT).replaceAll("\\s+", "-"), label));
            }
            if (labels.stream().noneMatch(existing -> existing.taxonomy().equals(parsed.taxonomy())
                    && existing.label().code().equals(parsed.label().code()))) {
                labels.add(parsed);
            }
        }
        return labels;
    }
}
