package dev.newsflow.enrichment.related;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.newsflow.enrichment.EnrichmentProperties;
import dev.newsflow.enrichment.store.ArticleSummary;
import dev.newsflow.events.CategoryAssignment;
import dev.newsflow.events.RelatedPost;
import org.springframework.stereotype.Component;

/**
 * Related posts among the newest enriched articles ({@link RecentArticles}). Score = shared keywords / sqrt(|keywords a| * |keywords b|)
 * (cosine of the keyword sets) + {@value #CATEGORY_BONUS} per shared category. A candidate needs at least
 * {@code min-shared-terms} shared keywords.
 */
@Component
public class RelatedPostFinder {

    static final double CATEGORY_BONUS = 0.1;
    private static final int REASON_TERMS = 5;

    private final RecentArticles recent;
    private final EnrichmentProperties.Related settings;

    RelatedPostFinder(RecentArticles recent, EnrichmentProperties properties) {
        this.recent = recent;
        this.settings = properties.related();
    }

    public List<RelatedPost> find(String articleId, List<String> keywords, List<CategoryAssignment> categories, Instant now) {
        Set<String> codes = new HashSet<>(categories.stream().map(CategoryAssignment::code).toList());
        List<ArticleSummary> candidates = recent.candidates(articleId, now.minus(settings.window()));
        List<RelatedPost> related = new ArrayList<>();
        for (ArticleSummary candidate : candidates) {
            List<String> shared = candidate.keywords().stream().filter(keywords::contains).toList();
            if (shared.size() < settings.minSharedTerms()) {
                continue;
            }
            List<String> reasons = new ArrayList<>();
            reasons.add("shared terms: " + String.join(", ", shared.subList(0, Math.min(REASON_TERMS, shared.size()))));
            double score = shared.size() / Math.sqrt((double) keywords.size() * candidate.keywords().size());
            for (int i = 0; i < candidate.categoryCodes().size(); i++) {
                if (codes.contains(candidate.categoryCodes().get(i))) {
                    score += CATEGORY_BONUS;
                    reasons.add("shared category: " + candidate.categoryLabels().get(i));
                }
            }
            related.add(new RelatedPost(candidate.articleId(), candidate.title(), candidate.url(),
                    Math.round(score * 1000.0) / 1000.0, reasons));
        }
        related.sort(Comparator.comparingDouble(RelatedPost::score).reversed());
        return related.subList(0, Math.min(settings.limit(), related.size()));
    }
}
