package dev.newsflow.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The project's Markdown documentation as a reader follows it: the relative links of each page, the headings that
 * links may point to (GitHub's anchors), and the requests of its {@code curl} examples.
 */
final class Documentation {

    static final Path ROOT = Path.of("..");

    private static final Pattern FENCE = Pattern.compile("(?ms)^```[^\\n]*\\n(.*?)^```\\s*$");
    private static final Pattern INLINE_CODE = Pattern.compile("`[^`\\n]+`");
    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}\\s+(.+?)\\s*#*\\s*$");
    private static final Pattern URL = Pattern.compile("^(?:https?://)?(?:localhost|127\\.0\\.0\\.1):(\\d+)(/[^?#\\s]*)?.*$");

    /** One request of a curl example: where it is written, and what it asks for. */
    record Request(Path page, String command, String method, int port, String path) {
    }

    private Documentation() {
    }

    /** README, CONTRIBUTING and every page under docs/. */
    static List<Path> pages() {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("CONTRIBUTING.md")));
        try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
            docs.filter(file -> file.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return pages;
    }

    static String read(Path page) {
        try {
            return Files.readString(page);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The link targets of {@code page} that are neither absolute URLs nor mail addresses, outside code. */
    static List<String> relativeLinks(Path page) {
        String prose = INLINE_CODE.matcher(FENCE.matcher(read(page)).replaceAll("")).replaceAll("");
        List<String> links = new ArrayList<>();
        Matcher link = LINK.matcher(prose);
        while (link.find()) {
            String target = link.group(1);
            if (!target.matches("(?i)^[a-z][a-z0-9+.-]*:.*")) {
                links.add(target);
            }
        }
        return links;
    }

    /** The anchors GitHub gives the headings of {@code page}: lower case, punctuation dropped, spaces as hyphens. */
    static Set<String> anchors(Path page) {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        Matcher heading = HEADING.matcher(FENCE.matcher(read(page)).replaceAll(""));
        while (heading.find()) {
            String text = heading.group(1).replaceAll("\\[([^\\]]*)]\\([^)]*\\)", "$1");
            String anchor = text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
            int repeat = seen.merge(anchor, 1, Integer::sum) - 1;
            anchors.add(repeat == 0 ? anchor : anchor + "-" + repeat);
        }
        return anchors;
    }

    /** Every request that a {@code curl} command of {@code page} makes, in code blocks and inline code. */
    static List<Request> curlRequests(Path page) {
        String text = read(page);
        List<String> code = new ArrayList<>();
        Matcher block = FENCE.matcher(text);
        while (block.find()) {
            code.add(block.group(1).replaceAll("\\\\\\n", " "));
        }
        Matcher inline = INLINE_CODE.matcher(FENCE.matcher(text).replaceAll(""));
        while (inline.find()) {
            code.add(inline.group().substring(1, inline.group().length() - 1));
        }
        List<Request> requests = new ArrayList<>();
        for (String snippet : code) {
            for (String line : snippet.split("\\n")) {
                for (String command : line.replaceAll("\\s#.*$", "").split("\\||&&|;")) {
                    List<String> words = words(command.strip());
                    int curl = words.indexOf("curl");
                    if (curl >= 0) {
                        request(page, command.strip(), words.subList(curl + 1, words.size())).ifPresent(requests::add);
                    }
                }
            }
        }
        return requests;
    }

    private static java.util.Optional<Request> request(Path page, String command, List<String> arguments) {
        String method = null;
        boolean body = false;
        String url = null;
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if ((argument.equals("-X") || argument.equals("--request")) && i + 1 < arguments.size()) {
                method = arguments.get(++i);
            }
            else if (argument.equals("-H") || argument.equals("--header")) {
                i++;
            }
            else if (argument.startsWith("-d") || argument.startsWith("--data")) {
                body = true;
                i += argument.length() == 2 || !argument.contains("=") ? 1 : 0;
            }
            else if (url == null && URL.matcher(argument).matches()) {
                url = argument;
            }
        }
        if (url == null) {
            return java.util.Optional.empty();
        }
        Matcher parts = URL.matcher(url);
        parts.matches();
        return java.util.Optional.of(new Request(page, command, method != null ? method : body ? "POST" : "GET",
                Integer.parseInt(parts.group(1)), parts.group(2) == null ? "/" : parts.group(2)));
    }

    // Shell words: whitespace separates, quotes group and are removed.
    private static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (char c : command.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                else {
                    word.append(c);
                }
            }
            else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            }
            else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            }
            else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
