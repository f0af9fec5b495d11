package dev.newsflow.benchmarks.categories;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BlindSetsTest {

    @ParameterizedTest
    @CsvSource({"bbc-style, 5, 20", "agnews-style, 4, 60", "huffpost-style, 15, 14"})
    void everySectionIsSplitInTwoHalvesOfAboutTheSameSize(String name, int sections, int perSection) {
        BlindSets blind = new BlindSets(name);

        assertThat(blind.sections()).hasSize(sections);
        Map<String, Long> dev = count(blind.split("dev"));
        Map<String, Long> test = count(blind.split("test"));
        blind.sections().forEach(section -> {
            assertThat(dev.get(section) + test.get(section)).isGreaterThanOrEqualTo(perSection);
            assertThat(Math.abs(dev.get(section) - test.get(section))).isLessThanOrEqualTo(4);
        });
    }

    @ParameterizedTest
    @CsvSource({"bbc-style", "agnews-style", "huffpost-style"})
    void sectionsOtherThanWorldMapToOneTopicWhileWorldItemsAreLabelledByContent(String name) {
        List<BlindSets.Item> items = new BlindSets(name).split("dev");

        Map<String, List<String>> topics = items.stream().collect(Collectors.groupingBy(BlindSets.Item::section,
                Collectors.mapping(item -> item.article().categories().get(0), Collectors.toList())));
        topics.forEach((section, codes) -> {
            if (section.equals("World")) {
                assertThat(codes).contains("medtop:11000000", "medtop:16000000", "medtop:03000000", "medtop:02000000");
            }
            else {
                assertThat(codes).containsOnly(codes.get(0));
            }
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"WELLNESS | medtop:07000000", "TRAVEL | medtop:10000000",
            "FOOD & DRINK | medtop:10000000", "STYLE & BEAUTY | medtop:10000000", "PARENTING | medtop:14000000",
            "DIVORCE | medtop:14000000", "RELIGION | medtop:12000000", "GREEN | medtop:06000000",
            "ENTERTAINMENT | medtop:01000000", "SPORTS | medtop:15000000", "MONEY | medtop:04000000",
            "SCIENCE | medtop:13000000", "CRIME | medtop:02000000", "EDUCATION | medtop:05000000",
            "WEIRD NEWS | medtop:08000000"})
    void huffPostStyleSectionsMapToTheDocumentedTopicInBothHalves(String section, String topic) {
        BlindSets blind = new BlindSets("huffpost-style");

        for (String split : List.of("dev", "test")) {
            List<String> codes = blind.split(split).stream().filter(item -> item.section().equals(section))
                    .map(item -> item.article().categories().get(0)).toList();
            assertThat(codes).isNotEmpty().containsOnly(topic);
        }
    }

    private static Map<String, Long> count(List<BlindSets.Item> items) {
        return items.stream().collect(Collectors.groupingBy(BlindSets.Item::section, Collectors.counting()));
    }
}
