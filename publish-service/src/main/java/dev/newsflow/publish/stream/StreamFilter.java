package dev.newsflow.publish.stream;

import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import dev.newsflow.publish.ArticleView;
import dev.newsflow.store.ArticleWords;

/**
 * Which articles a stream subscriber wants. Each kind of condition may be given several times (any of them
 * matches); different kinds must all match. No condition: every article.
 *
 * <ul>
 * <li>{@code category}: a category code ({@code medtop:15000000}, {@code world}) or label ("World"), case-insensitive</li>
 * <li>{@code publisher}: a publisher, exactly</li>
 * <li>{@code source}: a source ("Example Wire"), case-insensitive</li>
 * <li>{@code language}: a language tag or its prefix ({@code en} matches {@code en-GB}), case-insensitive</li>
 * <li>{@code keyword}: a word or phrase in the headline or body, case-insensitive, whole words (runs of letters and
 * digits, {@link ArticleWords}); at most {@value #MAX_KEYWORD_LENGTH} characters, with a letter or digit</li>
 * </ul>
 * At most {@value #MAX_VALUES} values of each kind.
 */
public final class StreamFilter implements Predicate<ArticleView> {

    public static final StreamFilter ALL = new StreamFilter(null, null, null, null, null);
    public static final int MAX_KEYWORD_LENGTH = 200;
    public static final int MAX_VALUES = 20;

    private final List<String> categories;
    private final List<String> publishers;
    private final List<String> sources;
    private final List<String> languages;
    private final List<Pattern> keywords;
    private final List<String> keywordTexts;

    /**
     * @throws InvalidFilterException if a kind has more than {@value #MAX_VALUES} values or a keyword is too long or
     *         has no letter or digit
     */
    public StreamFilter(List<String> categories, List<String> publishers, List<String> sources, List<String> languages,
            List<String> keywords) {
        this.categories = clean("category", categories);
        this.publishers = clean("publisher", publishers);
        this.sources = clean("source", sources);
        this.languages = clean("language", languages).stream().map(language -> language.toLowerCase(Locale.ROOT)).toList();
        this.keywordTexts = clean("keyword", keywords);
        for (String keyword : keywordTexts) {
            if (keyword.length() > MAX_KEYWORD_LENGTH) {
                throw new InvalidFilterException("keyword", "a keyword has at most " + MAX_KEYWORD_LENGTH + " characters");
            }
            if (ArticleWords.sequence(keyword).isEmpty()) {
                throw new InvalidFilterException("keyword", "a keyword needs at least one letter or digit");
            }
        }
        this.keywords = keywordTexts.stream()
                .map(keyword -> Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(keyword) + "(?![\\p{L}\\p{N}])",
                        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE))
                .toList();
    }

    public List<String> categories() {
        return categories;
    }

    public List<String> publishers() {
        return publishers;
    }

    public List<String> sources() {
        return sources;
    }

    /** Language tags, lower-cased. */
    public List<String> languages() {
        return languages;
    }

    public List<String> keywords() {
        return keywordTexts;
    }

    private static List<String> clean(String parameter, List<String> values) {
        if (values != null && values.size() > MAX_VALUES) {
            throw new InvalidFilterException(parameter, "at most " + MAX_VALUES + " values of " + parameter);
        }
        return values == null ? List.of() : values.stream().map(String::strip).filter(value -> !value.isEmpty()).toList();
    }

    /** A filter value the API does not take; {@code parameter} names it. */
    public static final class InvalidFilterException extends IllegalArgumentException {

        private final String parameter;

        InvalidFilterException(String parameter, String message) {
            super(message);
            this.parameter = parameter;
        }

        public String parameter() {
            return parameter;
        }
    }

    @Override
    public boolean test(ArticleView article) {
        return (categories.isEmpty() || article.categories().stream().anyMatch(category -> categories.stream()
                        .anyMatch(wanted -> wanted.equalsIgnoreCase(category.code()) || wanted.equalsIgnoreCase(category.label()))))
                && (publishers.isEmpty() || publishers.contains(article.publisher()))
                && (sources.isEmpty() || sources.stream().anyMatch(source -> source.equalsIgnoreCase(article.source())))
                && (languages.isEmpty() || article.language() != null && languages.stream().anyMatch(language -> {
                    String tag = article.language().toLowerCase(Locale.ROOT);
                    return tag.equals(language) || tag.startsWith(language + "-");
                }))
                && (keywords.isEmpty() || keywords.stream().anyMatch(keyword ->
                        article.title() != null && keyword.matcher(article.title()).find()
                                || article.body() != null && keyword.matcher(article.body()).find()));
    }
}
