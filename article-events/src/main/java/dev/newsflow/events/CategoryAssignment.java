package dev.newsflow.events;

/**
 * One category of an article.
 *
 * @param taxonomy {@code iptc} for IPTC Media Topics, {@code publisher} for the publisher's own categories
 * @param code stable id within the taxonomy (e.g. {@code medtop:15000000}); for publisher categories the
 *             normalised label
 * @param label human-readable label (e.g. "sport", "World")
 * @param confidence 0..1; 1 for categories the publisher supplied
 * @param origin {@link Origin#PUBLISHER} if supplied with the article, {@link Origin#MODEL} if predicted
 */
public record CategoryAssignment(String taxonomy, String code, String label, double confidence, Origin origin) {

    public static final String IPTC = "iptc";
    public static final String PUBLISHER = "publisher";

    /** Where a category assignment comes from. */
    public enum Origin {
        /** Supplied with the article (or by an editor); always kept as given. */
        PUBLISHER,
        /** Predicted by enrichment-service. */
        MODEL
    }
}
