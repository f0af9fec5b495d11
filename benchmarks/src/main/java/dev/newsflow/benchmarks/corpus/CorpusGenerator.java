package dev.newsflow.benchmarks.corpus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A synthetic news corpus of any size, generated as a stream (memory stays flat): sections with their own
 * vocabulary, stories of one to eight articles by different publishers over up to three days, each article
 * written separately (its own sentences, sharing the story's people, places and terms, sometimes a quote), of three
 * to twelve paragraphs, and syndicated copies: the same text under another publisher, re-headlined, trimmed, with a
 * footer, or lightly rewritten (about one word in 40 replaced). Deterministic for a seed.
 *
 * <p>{@link CorpusCommand} writes it as one JSON article per line.
 */
public final class CorpusGenerator implements Iterator<SyntheticArticle> {

    /** The share of originals that get syndicated copies. */
    public static final double COPY_RATE = 0.12;

    private static final Map<String, String[]> SECTIONS = new LinkedHashMap<>();

    static {
        SECTIONS.put("World", words("ceasefire border refugees embassy sanctions diplomat summit treaty militia "
                + "humanitarian envoy troops province rebels negotiations capital aid convoy occupation referendum "
                + "ambassador coalition insurgents evacuation corridor peacekeepers delegation frontier blockade accord"));
        SECTIONS.put("Politics", words("parliament election minister ballot coalition opposition senator campaign "
                + "legislation budget vote cabinet reform poll candidate constituency amendment lawmakers committee "
                + "mandate caucus filibuster manifesto turnout incumbent impeachment governor referendum veto"));
        SECTIONS.put("Business", words("shares profit revenue investors merger quarterly earnings inflation "
                + "interest rates bank market acquisition dividend stock economy tariffs supply chain layoffs "
                + "valuation bonds lender retailer forecast shareholders exports startup regulator audit"));
        SECTIONS.put("Sport", words("match goal league season coach striker championship tournament penalty "
                + "final squad victory defeat stadium transfer midfielder keeper trophy fixture injury title "
                + "derby relegation playoff referee scorer captain innings medal sprint"));
        SECTIONS.put("Technology", words("software chip startup smartphone cloud data encryption algorithm "
                + "platform users update developers processor network privacy breach robot satellite battery "
                + "semiconductor browser server outage hackers app interface bandwidth licence"));
        SECTIONS.put("Health", words("hospital patients vaccine virus doctors treatment clinical trial disease "
                + "outbreak nurses surgery infection symptoms medicine diagnosis cancer screening pandemic "
                + "therapy ward prescription pharmacy epidemic dose immunity paramedics wellbeing"));
        SECTIONS.put("Science", words("researchers study telescope species climate fossil experiment physics "
                + "genome laboratory emissions glacier spacecraft orbit particles ocean drought biodiversity "
                + "asteroid microbes specimen reactor carbon observatory expedition volcano coral"));
        SECTIONS.put("Entertainment", words("film festival album concert premiere actor director series "
                + "streaming award singer tour novel box office soundtrack gallery theatre audience critics "
                + "sequel studio band exhibition debut screenplay choreography orchestra ballad"));
    }

    private static final String[] GENERAL = words("the a of to in and on for with at by from that this said "
            + "officials people year week new first last more after before over under about would could will has "
            + "have had were was been city country government report plan group month today tuesday monday "
            + "wednesday thursday friday weekend local national public support decision statement spokesman "
            + "according expected likely announced told including between against during while also since "
            + "number percent million thousand major further early later several former senior long short "
            + "team leaders members company agency council court police families residents workers experts "
            + "analysts sources move deal talks plans issue cost risk time area region part level increase");
    private static final String[] VERBS = words("announced confirmed rejected approved warned criticised "
            + "defended proposed delayed launched welcomed denied backed blocked signed unveiled cancelled "
            + "questioned promised demanded");
    private static final String[] SYLLABLES = words("an bel cor dan el fra gor han is jon kal lin mar nor ov "
            + "pet qui ros san tor ul val wen xan yor zel ber cal dor");
    private static final String[] PLACE_ENDINGS = words("ville burg stad ford port mouth field haven ton ia");
    private static final String[] ORG_KINDS = words("Group Holdings Institute Council Union Agency Partners Foundation");
    private static final String[] PUBLISHERS = words("daily-example morning-herald city-gazette wire-service "
            + "evening-post metro-news the-courier national-times region-review global-dispatch");
    private static final String[] FOOTERS = {
            "This story was provided by a news agency and edited for length.",
            "Reporting by our correspondents; additional reporting by agencies.",
            "Copyright wire service. All rights reserved. Republished with permission."};

    private final Random random;
    private final long total;
    private final Deque<SyntheticArticle> pending = new ArrayDeque<>();
    private final List<String> sectionNames = new ArrayList<>(SECTIONS.keySet());
    private final Instant start;
    private final Duration span;
    private long produced;
    private long stories;

    /** {@code total} articles from {@code seed}, their stories starting evenly over {@code span} from {@code start}. */
    public CorpusGenerator(long total, long seed, Instant start, Duration span) {
        this.total = total;
        this.random = new Random(seed);
        this.start = start;
        this.span = span;
    }

    /** The story of a generated article, read from its id ({@code s-<story>-<n>}, copies {@code …-copy<n>}). */
    public static String storyOf(String articleId) {
        int second = articleId.indexOf('-', 2);
        return second < 0 ? articleId : articleId.substring(0, second);
    }

    /** The corpus as a sequential stream. */
    public Stream<SyntheticArticle> stream() {
        return StreamSupport.stream(java.util.Spliterators.spliterator(this, total, java.util.Spliterator.ORDERED), false);
    }

    @Override
    public boolean hasNext() {
        return produced < total;
    }

    @Override
    public SyntheticArticle next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        if (pending.isEmpty()) {
            story();
        }
        produced++;
        return pending.poll();
    }

    // One story: its originals, each possibly followed by copies, in publication order within the story.
    private void story() {
        String storyId = "s-" + (++stories);
        String section = sectionNames.get(random.nextInt(sectionNames.size()));
        String[] sectionWords = SECTIONS.get(section);
        // Stories start evenly over the span, whatever the corpus size.
        Instant start = this.start.plusMillis((long) (span.toMillis() * ((double) produced / total)));
        // A story's own terms: three of its section's words and three of its own (what it is about: a project, a
        // vessel, a drug, a bill), so that two stories of one section share some vocabulary but not all.
        String[] terms = new String[6];
        System.arraycopy(pick(sectionWords, 3), 0, terms, 0, 3);
        for (int i = 3; i < 6; i++) {
            terms[i] = name(2 + random.nextInt(2));
        }
        Story story = new Story(storyId, section, terms, person(), person(), place(), organisation(),
                pick(VERBS, 1)[0], start);
        int articles = 1 + Math.min(7, (int) Math.floor(-Math.log(1 - random.nextDouble()) * 2.2));
        String quote = sentence(story, sectionWords);
        List<SyntheticArticle> written = new ArrayList<>();
        for (int i = 0; i < articles; i++) {
            Instant at = story.start().plus(Duration.ofMinutes(random.nextInt(72 * 60)));
            SyntheticArticle original = new SyntheticArticle(storyId + "-" + (i + 1), PUBLISHERS[random.nextInt(PUBLISHERS.length)],
                    headline(story), body(story, sectionWords, random.nextDouble() < 0.4 ? quote : null), section, at,
                    storyId, null);
            written.add(original);
            if (random.nextDouble() < COPY_RATE) {
                int copies = 1 + (random.nextDouble() < 0.3 ? 1 : 0);
                for (int c = 0; c < copies; c++) {
                    written.add(copy(original, c + 1));
                }
            }
        }
        // Copies come at least five minutes after their original, so they never arrive first.
        written.sort(Comparator.comparing(SyntheticArticle::publishedAt));
        pending.addAll(written);
    }

    private SyntheticArticle copy(SyntheticArticle original, int number) {
        List<String> paragraphs = new ArrayList<>(List.of(original.body().split("\n\n")));
        String title = original.title();
        switch (random.nextInt(5)) {
            case 0 -> title = "UPDATE: " + title;
            case 1 -> {
                if (paragraphs.size() > 3) {
                    paragraphs.remove(paragraphs.size() - 1);
                }
            }
            case 2 -> paragraphs.add(FOOTERS[random.nextInt(FOOTERS.length)]);
            case 3 -> paragraphs.replaceAll(this::rewrite);
            default -> title = capitalise(String.join(" ", List.of(original.title().split(" ")).subList(0,
                    Math.max(3, original.title().split(" ").length - 2))));
        }
        Instant at = original.publishedAt().plus(Duration.ofMinutes(5 + random.nextInt(240)));
        String publisher;
        do {
            publisher = PUBLISHERS[random.nextInt(PUBLISHERS.length)];
        } while (publisher.equals(original.publisher()));
        return new SyntheticArticle(original.id() + "-copy" + number, publisher, title, String.join("\n\n", paragraphs),
                original.category(), at, original.storyId(), original.id());
    }

    // A light rewrite: about one word in 40 replaced by another.
    private String rewrite(String paragraph) {
        String[] words = paragraph.split(" ");
        for (int i = 0; i < words.length; i++) {
            if (random.nextInt(40) == 0 && !words[i].endsWith(".")) {
                words[i] = GENERAL[random.nextInt(GENERAL.length)];
            }
        }
        return String.join(" ", words);
    }

    private String headline(Story story) {
        String[] templates = {
                "%s %s %s over %s", "%s and %s clash on %s in %s", "%s: %s %s as %s deepens",
                "%s %s plan for %s, %s says", "Why %s %s the %s in %s"};
        String[] terms = story.terms();
        return capitalise(switch (random.nextInt(templates.length)) {
            case 0 -> String.format(templates[0], story.person1(), story.verb(), terms[0], terms[1]);
            case 1 -> String.format(templates[1], story.person1(), story.person2(), terms[random.nextInt(3)], story.place());
            case 2 -> String.format(templates[2], story.place(), story.organisation(), story.verb(), terms[2] + " " + terms[0]);
            case 3 -> String.format(templates[3], story.organisation(), story.verb(), terms[1], story.person2());
            default -> String.format(templates[4], story.person1(), story.verb(), terms[0], story.place());
        });
    }

    private String body(Story story, String[] sectionWords, String sharedQuote) {
        int paragraphs = 3 + random.nextInt(10);
        List<String> written = new ArrayList<>();
        for (int p = 0; p < paragraphs; p++) {
            int sentences = 1 + random.nextInt(4);
            StringBuilder paragraph = new StringBuilder();
            for (int s = 0; s < sentences; s++) {
                if (s > 0) {
                    paragraph.append(' ');
                }
                paragraph.append(sharedQuote != null && p == 1 && s == 0 ? sharedQuote : sentence(story, sectionWords));
            }
            written.add(paragraph.toString());
        }
        return String.join("\n\n", written);
    }

    private String sentence(Story story, String[] sectionWords) {
        int length = 8 + random.nextInt(16);
        List<String> words = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            double roll = random.nextDouble();
            if (roll < 0.16) {
                words.add(story.terms()[random.nextInt(story.terms().length)]);
            }
            else if (roll < 0.22) {
                words.add(switch (random.nextInt(4)) {
                    case 0 -> story.person1();
                    case 1 -> story.person2();
                    case 2 -> story.place();
                    default -> story.organisation();
                });
            }
            else if (roll < 0.32) {
                words.add(sectionWords[random.nextInt(sectionWords.length)]);
            }
            else if (roll < 0.36) {
                words.add(VERBS[random.nextInt(VERBS.length)]);
            }
            else {
                words.add(GENERAL[random.nextInt(GENERAL.length)]);
            }
        }
        String text = String.join(" ", words);
        return capitalise(random.nextInt(6) == 0 ? "\u201c" + text + ",\u201d " + story.person1() + " said." : text + ".");
    }

    private String person() {
        return capitalise(name(2)) + " " + capitalise(name(2 + random.nextInt(2)));
    }

    private String place() {
        return capitalise(name(1 + random.nextInt(2)) + PLACE_ENDINGS[random.nextInt(PLACE_ENDINGS.length)]);
    }

    private String organisation() {
        return capitalise(name(2)) + " " + ORG_KINDS[random.nextInt(ORG_KINDS.length)];
    }

    private String name(int syllables) {
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < syllables; i++) {
            name.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
        }
        return name.toString();
    }

    private String[] pick(String[] from, int count) {
        List<String> chosen = new ArrayList<>();
        while (chosen.size() < count) {
            String word = from[random.nextInt(from.length)];
            if (!chosen.contains(word)) {
                chosen.add(word);
            }
        }
        return chosen.toArray(String[]::new);
    }

    private static String capitalise(String text) {
        if (text.isEmpty()) {
            return text;
        }
        int first = text.charAt(0) == '\u201c' ? 1 : 0;
        return text.substring(0, first) + Character.toUpperCase(text.charAt(first)) + text.substring(first + 1);
    }

    private static String[] words(String text) {
        return text.trim().split("\\s+");
    }

    private record Story(String id, String section, String[] terms, String person1, String person2, String place,
            String organisation, String verb, Instant start) {
    }
}
