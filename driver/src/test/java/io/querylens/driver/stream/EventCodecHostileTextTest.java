package io.querylens.driver.stream;

import io.querylens.driver.sql.Dialect;
import io.querylens.driver.sql.Fingerprinter;
import io.querylens.driver.sql.MutatedStatements;
import io.querylens.driver.sql.QueryShape;
import io.querylens.driver.sql.StatementKind;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Shape texts on their way to the collector: odd UTF-16 and huge texts neither throw nor corrupt the event. */
class EventCodecHostileTextTest {

    @Test
    void loneSurrogatesControlCharsAndMegabyteTextsSurviveTheQueueCodec() throws Exception {
        StreamEvent.Origin origin = new StreamEvent.Origin("app\uD800", "host", 1, 2);
        String[] texts = {"select \uD800 from t where a = ? \uDC00", "\u0000\u0001\u2028 ' \" \\ </script>",
                "select " + "\uD83D\uDE00".repeat(600_000), "x".repeat(1 << 20)};
        for (String text : texts) {
            StreamEvent.ShapeSeen seen = new StreamEvent.ShapeSeen(origin, 3L, "jdbc:postgresql://db/app", 42L,
                    StatementKind.SELECT, text);
            StreamEvent.ShapeSeen back = (StreamEvent.ShapeSeen) EventCodec.decode(EventCodec.encode(seen));
            assertThat(back.shapeId()).isEqualTo(42L);
            assertThat(back.kind()).isEqualTo(StatementKind.SELECT);
            assertThat(back.text().length()).isLessThanOrEqualTo(EventCodec.MAX_TEXT_CHARS);
            assertThat(back.dataSource()).isEqualTo("jdbc:postgresql://db/app");
        }
        StreamEvent.ShapeSeen plain = new StreamEvent.ShapeSeen(origin, 3L, "ds", 1L, StatementKind.OTHER, texts[1]);
        assertThat(((StreamEvent.ShapeSeen) EventCodec.decode(EventCodec.encode(plain))).text()).isEqualTo(texts[1]);
    }

    /** Fixed seed: the same 2,000 mutated statements every run, fingerprinted and streamed in all dialects. */
    @Test
    void fixedSeedMutatedShapesRoundTrip() throws Exception {
        Random random = new Random(20261203L);
        StreamEvent.Origin origin = new StreamEvent.Origin("app", "host", 1, 2);
        for (int i = 0; i < 2_000; i++) {
            String sql = MutatedStatements.mutate(
                    MutatedStatements.CORPUS.get(random.nextInt(MutatedStatements.CORPUS.size())),
                    random.nextInt(9), random.nextLong());
            QueryShape shape = Fingerprinter.fingerprint(sql, Dialect.values()[i % Dialect.values().length]);
            StreamEvent.ShapeSeen seen = new StreamEvent.ShapeSeen(origin, i, "ds", shape.id(), shape.kind(),
                    shape.text());
            StreamEvent.ShapeSeen back = (StreamEvent.ShapeSeen) EventCodec.decode(EventCodec.encode(seen));
            assertThat(back.shapeId()).isEqualTo(shape.id());
            assertThat(back.kind()).isEqualTo(shape.kind());
        }
    }
}
