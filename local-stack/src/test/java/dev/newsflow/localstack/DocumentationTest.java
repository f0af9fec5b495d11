package dev.newsflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The documentation a newcomer reads: a README of five minutes, and links that lead somewhere. Whether the curl
 * examples name real endpoints is checked against the running services in {@link EndToEndTest}.
 */
class DocumentationTest {

    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");

    @Test
    void theReadmeStaysAFiveMinuteRead() {
        assertThat(Documentation.read(Documentation.ROOT.resolve("README.md")).lines().count()).isLessThanOrEqualTo(250);
    }

    @Test
    void everyRelativeLinkLeadsToAnExistingFileAndHeading() {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path page : Documentation.pages()) {
            for (String link : Documentation.relativeLinks(page)) {
                checked++;
                int hash = link.indexOf('#');
                String file = hash < 0 ? link : link.substring(0, hash);
                Path target = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                if (!Files.exists(target)) {
                    broken.add(page + ": " + link + " (no such file)");
                }
                else if (hash >= 0 && !Documentation.anchors(target).contains(link.substring(hash + 1))) {
                    broken.add(page + ": " + link + " (no such heading in " + target.getFileName() + ")");
                }
            }
        }

        assertThat(checked).as("links checked").isGreaterThan(20);
        assertThat(broken).isEmpty();
    }

    /** A newcomer looks a module up in CONTRIBUTING's and the architecture's module tables: each has its row. */
    @Test
    void everyModuleOfTheBuildIsDescribedWhereNewcomersLookItUp() {
        List<String> modules = MODULE.matcher(Documentation.read(Documentation.ROOT.resolve("pom.xml"))).results()
                .map(module -> module.group(1)).toList();

        assertThat(modules).hasSizeGreaterThan(5);
        for (String page : List.of("CONTRIBUTING.md", "docs/architecture.md")) {
            String text = Documentation.read(Documentation.ROOT.resolve(page));
            assertThat(modules).as(page).allSatisfy(module -> assertThat(text).contains("| `" + module + "` |"));
        }
    }

    @Test
    void curlExamplesAreFoundWithTheirMethodsAndPaths() {
        List<Documentation.Request> readme = Documentation.curlRequests(Documentation.ROOT.resolve("README.md"));

        assertThat(readme).extracting(request -> request.method() + " " + request.port() + request.path())
                .contains("POST 8081/api/articles", "GET 8083/api/articles/stream", "GET 8083/api/articles/<id>/related");
    }
}
