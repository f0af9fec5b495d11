package dev.newsflow.publish.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The event id: a subscriber's offset per partition, passed on and read back by clients that resume. */
class StreamPositionTest {

    @Test
    void anIdReadsBackAsThePositionItWasWhateverTheOrderOfItsPartitions() {
        StreamPosition position = StreamPosition.parse("5:3, 0:41,2:-1");

        assertThat(position.id()).isEqualTo("0:41,2:-1,5:3");
        assertThat(position.offsets()).containsExactly(Map.entry(0, 41L), Map.entry(2, -1L), Map.entry(5, 3L));
        assertThat(StreamPosition.parse(position.id()).id()).isEqualTo(position.id());
    }

    @Test
    void advancingPassesOnlyEventsAfterThePositionAndLearnsNewPartitions() {
        StreamPosition position = StreamPosition.of(Map.of(1, 10L));

        assertThat(position.advance(1, 10)).as("already passed").isFalse();
        assertThat(position.advance(1, 9)).as("before it").isFalse();
        assertThat(position.advance(1, 11)).isTrue();
        assertThat(position.advance(3, 0)).as("a partition not seen before").isTrue();
        assertThat(position.advance(0, 7)).isTrue();
        assertThat(position.advance(3, 0)).isFalse();

        assertThat(position.id()).isEqualTo("0:7,1:11,3:0");
    }

    @Test
    void anIdThatIsNotPartitionOffsetPairsIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> StreamPosition.parse("0:abc"));
        assertThatIllegalArgumentException().isThrownBy(() -> StreamPosition.parse("-1:4"));
        assertThatIllegalArgumentException().isThrownBy(() -> StreamPosition.parse("7"));
    }
}
