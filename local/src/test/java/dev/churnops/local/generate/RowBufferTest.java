package dev.churnops.local.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.churnops.core.events.EventTime;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The hand-rolled CSV cells read exactly as the slow, obvious ways of writing them would. */
class RowBufferTest {

    @Test
    void timestampsAreWrittenExactlyAsEventTimeFormatsThem() {
        Rng rng = new Rng(17);
        long from = LocalDate.of(1972, 1, 1).toEpochDay() * 86_400L;
        long to = LocalDate.of(2400, 12, 31).toEpochDay() * 86_400L;
        for (int i = 0; i < 50_000; i++) {
            long t = from + (long) (rng.nextDouble() * (to - from));
            assertEquals(EventTime.format(t), new RowBuffer(24).timestamp(t).toString());
        }
        for (long t : new long[] {LocalDate.of(2024, 2, 29).toEpochDay() * 86_400L + 86_399, LocalDate.of(2100, 3, 1).toEpochDay()
                * 86_400L, LocalDate.of(2000, 2, 29).toEpochDay() * 86_400L}) {
            assertEquals(EventTime.format(t), new RowBuffer(24).timestamp(t).toString());
        }
    }

    @Test
    void numbersAndAmountsAreWrittenInPlainDecimal() {
        RowBuffer b = new RowBuffer(8);
        b.number(0).comma().number(7).comma().number(1_234_567_890_123L).comma().number(-42).comma().hundredths(5).comma()
                .hundredths(123_456).comma().padded(42, 8).comma().customerId(12).endRow();
        assertEquals("0,7,1234567890123,-42,0.05,1234.56,00000042,C00000012\n", b.toString());
    }

    @Test
    void datesOfPartitionsMatchLocalDate() {
        for (long day = -1000; day < 200_000; day += 37) {
            assertEquals(LocalDate.ofEpochDay(day).toString(), RowBuffer.date(day));
        }
    }
}
