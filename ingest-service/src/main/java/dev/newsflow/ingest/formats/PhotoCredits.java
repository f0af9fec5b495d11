package dev.newsflow.ingest.formats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Photo credits in article text, as pages carry them: a line of its own ("Photo: Ann Lens/Example Wire",
 * "AP Photo/Evan Vucci", "Sean Gallup/Getty Images", "© Reuters"), a bracketed credit inside a paragraph
 * ("(Photo: …)"), or a credit after a caption's last sentence ("… on Tuesday. Photo credit: A / B via C").
 *
 * <p>A credit is told from prose by its form: it starts with a credit word or an agency, or ends in an agency, and
 * what follows the credit word reads like names (capitalised words joined by slashes, "via", "for", "/"), not like a
 * sentence. So "the bank extended credit: loans rose" or "Getty Images reported a profit" stay text.
 */
final class PhotoCredits {

    private static final int MAX_LINE = 200;
    private static final int MAX_INLINE = 160;
    // Photo agencies and pools whose name ends (or, before a slash, starts) a credit without a credit word.
    private static final String AGENCY = "(?:Getty Images|AFP|AP|Associated Press|Reuters|REUTERS|EPA(?:-EFE)?|EFE|Pool|POOL"
            + "|Shutterstock|Alamy|Bloomberg|NurPhoto|SOPA Images|Sipa(?: USA)?|ZUMA(?: Press| Wire)?|PA(?: Wire| Images)?"
            + "|Anadolu(?: Agency)?|TASS|Sputnik|Xinhua|ANP|AAP|DPA|dpa|Imago|IMAGO|Kyodo|Yonhap|NBC News|CNN|BBC|Corbis"
            + "|iStock|Handout|HANDOUT|UPI|Abaca|MEGA|Newscom|The Associated Press|Wikimedia Commons)";
    // Words that start a credit line. Case-insensitive: "PHOTO:", "(Image by …)".
    private static final List<Pattern> LINE = List.of(
            Pattern.compile("^(?:(?:main|top|lead|header|cover|file)\\s+)?(?:photo|photograph|image|picture|pic|foto|illustration)s?"
                    + "(?:\\s+credits?)?\\s*[:|/–—-]\\s*\\S.*$", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^(?:photo|photograph|image|picture)s?\\s+(?:by|courtesy of|courtesy)\\s+\\S.*$",
                    Pattern.CASE_INSENSITIVE),
            // "Image source, Getty Images", as the BBC labels a picture's credit.
            Pattern.compile("^(?:photo|image|picture)\\s+source\\s*[,:]\\s*\\S.*$", Pattern.CASE_INSENSITIVE));
    // Credit forms whose tail must read like names.
    private static final List<Pattern> NAMED = List.of(
            Pattern.compile("^(?:photo\\s+|image\\s+)?credits?\\s*:\\s*(\\S.*)$", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^(?:©|copyright\\b)\\s*(\\S.*)$", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^(?:AP Photo|" + AGENCY + ")\\s*/\\s*(\\S.*)$"),
            Pattern.compile("^(.{0,80}?)\\s*(?:/|\\bvia\\b|\\bfor\\b)\\s*" + AGENCY + "(?:\\s*(?:/|via|for)\\s*.{1,60})?$"),
            // An agency alone is a credit only with another ("AFP via Getty Images"): "Reuters" alone may be the source.
            Pattern.compile("^(?:Getty Images|" + AGENCY + "\\s*(?:/|via)\\s*)(.{0,60})$"));
    // A reporting credit names the authors, not the photographers.
    private static final Pattern REPORTING = Pattern.compile("^(?:additional\\s+)?(?:reporting|writing|editing|compiled|reported|"
            + "written)\\b", Pattern.CASE_INSENSITIVE);
    // Where a credit may begin inside a paragraph: after a sentence's end, or at a capitalised credit word.
    private static final Pattern TAIL_START = Pattern.compile("(?<=[.!?…][\"'”’)]?)\\s+(?=\\S)"
            + "|\\s+(?=(?:Photo|PHOTO|Photograph|Image|IMAGE|Picture|Credit|CREDIT|©|AP Photo|REUTERS)\\b)|\\s+(?=©)");
    private static final Pattern BRACKETED = Pattern.compile("\\s*[(\\[]([^()\\[\\]]{2," + MAX_INLINE + "})[)\\]]");
    private static final Pattern SENTENCE_INSIDE = Pattern.compile("[.!?]\\s+[A-Z][a-z]+\\s+[a-z]+\\s+[a-z]");
    // A person's name: two to four capitalised words.
    private static final Pattern PERSON = Pattern.compile("\\p{Lu}[\\p{L}'’.-]+(?:\\s+\\p{Lu}[\\p{L}'’.-]+){1,3}");
    // Lower-case words a list of names may contain.
    private static final Set<String> JOINERS = Set.of("via", "for", "and", "of", "the", "by", "courtesy", "file", "handout",
            "photo", "photos", "images", "image", "pool", "de", "da", "del", "della", "der", "van", "von", "la", "le", "al",
            "el", "bin", "ben", "y", "dos", "das", "du", "st", "staff", "contributor", "news", "agency");

    private PhotoCredits() {
    }

    /** Text with the credits inside it taken out, and those credits in order. */
    record Split(String text, List<String> credits) {

        boolean hasCredits() {
            return !credits.isEmpty();
        }
    }

    /** Whether the whole of {@code paragraph} is a photo credit. */
    static boolean isCreditLine(String paragraph) {
        String line = paragraph.strip();
        if (line.isEmpty() || line.length() > MAX_LINE || line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
            return false;
        }
        if ((line.startsWith("(") && line.endsWith(")")) || (line.startsWith("[") && line.endsWith("]"))) {
            line = line.substring(1, line.length() - 1).strip();
        }
        else if (line.startsWith("(")) {
            line = line.substring(1).strip();
        }
        String credit = line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
        if (!mayBeCredit(credit)) {
            return false;
        }
        for (Pattern pattern : LINE) {
            if (pattern.matcher(credit).matches()) {
                return true;
            }
        }
        for (Pattern pattern : NAMED) {
            Matcher matcher = pattern.matcher(credit);
            if (matcher.matches() && !REPORTING.matcher(credit).find()
                    && (matcher.group(1).isEmpty() ? credit.startsWith("Getty") : readsLikeNames(matcher.group(1)))) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code paragraph} without the credits inside it: bracketed credits anywhere, and a credit that ends it after a
     * sentence or at a capitalised credit word. A paragraph that is a credit as a whole is not split (see
     * {@link #isCreditLine}).
     */
    static Split strip(String paragraph) {
        if (!mayBeCredit(paragraph)) {
            return new Split(paragraph, List.of());
        }
        List<String> credits = new ArrayList<>();
        String text = paragraph;
        Matcher bracketed = BRACKETED.matcher(text);
        StringBuilder rest = new StringBuilder();
        int last = 0;
        while (bracketed.find()) {
            if (isCreditLine(bracketed.group(1))) {
                rest.append(text, last, bracketed.start());
                credits.add(bracketed.group(1).strip());
                last = bracketed.end();
            }
        }
        if (!credits.isEmpty()) {
            rest.append(text.substring(last));
            text = rest.toString().strip();
        }
        // Only the last MAX_INLINE characters can hold a credit tail: start looking there, so that a long paragraph is
        // not copied once per sentence.
        Matcher start = TAIL_START.matcher(text).useTransparentBounds(true)
                .region(Math.max(0, text.length() - MAX_INLINE - 1), text.length());
        while (start.find()) {
            String tail = text.substring(start.end());
            if (tail.length() <= MAX_INLINE && isCreditLine(tail) && !SENTENCE_INSIDE.matcher(tail).find()) {
                credits.add(tail.strip());
                text = text.substring(0, start.start()).strip();
                break;
            }
        }
        return new Split(text, credits);
    }

    /**
     * {@code caption} without its credit: as {@link #strip}, and, a caption being where credits are, also a bare
     * "(Marco Vitale/Example Wire)" or "… school. Marco Vitale/Example Wire" at its end, without "Photo" or an agency:
     * names on both sides of a slash, or in brackets a person's name "for" an outlet. In prose that form is a poll or a
     * pair of places ("the Reuters/Ipsos poll").
     */
    static Split stripCaption(String caption) {
        Split split = strip(caption);
        if (split.hasCredits()) {
            return split;
        }
        String text = caption.strip();
        if (isBareCredit(text)) {
            return new Split("", List.of(text));
        }
        Matcher start = TAIL_START.matcher(text);
        while (start.find()) {
            String tail = text.substring(start.end());
            if (isBareCredit(tail)) {
                return new Split(text.substring(0, start.start()).strip(), List.of(tail.strip()));
            }
        }
        return split;
    }

    private static boolean isBareCredit(String text) {
        String credit = text.strip();
        boolean bracketed = credit.startsWith("(") && credit.endsWith(")") || credit.startsWith("[") && credit.endsWith("]");
        if (bracketed) {
            credit = credit.substring(1, credit.length() - 1).strip();
            // "(Rebecca Stone for Example Wire)": a photographer's name, then whom the picture was taken for.
            String[] commission = credit.split("\\s+for\\s+");
            if (commission.length == 2 && PERSON.matcher(commission[0]).matches() && readsLikeNames(commission[1])
                    && commission[1].split("\\s+").length <= 5) {
                return true;
            }
        }
        String[] parts = credit.split("\\s*/\\s*");
        return parts.length >= 2 && parts.length <= 4 && credit.length() <= MAX_INLINE && credit.split("\\s+").length <= 10
                && !REPORTING.matcher(credit).find() && !SENTENCE_INSIDE.matcher(credit).find()
                && Arrays.stream(parts).allMatch(part -> !part.isEmpty() && readsLikeNames(part));
    }

    // Every credit form has a credit word, a slash, an agency or "©": most paragraphs are ruled out without a regex.
    private static boolean mayBeCredit(String text) {
        return text.indexOf('/') >= 0 || text.indexOf('©') >= 0 || containsIgnoringCase(text, "photo")
                || containsIgnoringCase(text, "image") || containsIgnoringCase(text, "credit")
                || containsIgnoringCase(text, "picture") || containsIgnoringCase(text, "pic")
                || containsIgnoringCase(text, "foto") || containsIgnoringCase(text, "illustration")
                || containsIgnoringCase(text, "copyright") || containsAgency(text);
    }

    private static boolean containsAgency(String text) {
        return text.contains("Getty") || text.contains("AFP") || text.contains("Reuters") || text.contains("REUTERS")
                || text.contains("EPA") || text.contains("Pool") || text.contains("Associated Press") || text.contains("Handout");
    }

    private static boolean containsIgnoringCase(String text, String word) {
        int last = text.length() - word.length();
        for (int i = 0; i <= last; i++) {
            if (text.regionMatches(true, i, word, 0, word.length())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code text} reads like the names of a credit: a few words, nearly all capitalised (or joiners such as
     * "via"), no sentence inside.
     */
    static boolean readsLikeNames(String text) {
        String[] words = text.strip().split("[\\s/|,;&+]+");
        if (words.length == 0 || words.length > 16) {
            return false;
        }
        int lower = 0;
        int names = 0;
        for (String word : words) {
            String bare = word.replaceAll("^[\"'“‘(\\[-]+|[\"'”’)\\].:-]+$", "");
            if (bare.isEmpty() || !Character.isLetterOrDigit(bare.codePointAt(0))) {
                continue;
            }
            if (Character.isUpperCase(bare.codePointAt(0)) || Character.isDigit(bare.codePointAt(0))) {
                names++;
            }
            else if (!JOINERS.contains(bare.toLowerCase(Locale.ROOT))) {
                lower++;
            }
        }
        return names > 0 && lower <= 1 && lower * 3 < names + 1;
    }
}
