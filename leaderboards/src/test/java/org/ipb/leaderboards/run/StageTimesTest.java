package org.ipb.leaderboards.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The stage table: sums per (row, part), columns in first-recorded order, totals. */
class StageTimesTest {
    @Test
    void sumsPerCellAndTotalsRowsAndColumns() {
        StageTimes t = new StageTimes();
        t.add(StageTimes.RUN, "extract", 2.0);
        t.add("conv1", "directions", 1.25);
        t.add("conv1", "mis", 0.5);
        t.add("conv1", "directions", 0.75);
        t.add("conv2", "mis", 3.0);
        assertEquals(2.0, t.get("conv1", "directions"), 1e-12);
        assertEquals(0.0, t.get("conv2", "directions"), 1e-12);
        assertEquals(7.5, t.total(), 1e-12);
        List<String> lines = t.table();
        assertEquals(5, lines.size());
        assertEquals(List.of("stage", "s", "extract", "directions", "mis", "total"), List.of(lines.get(0).trim().split(" +")));
        assertEquals(List.of("(run)", "2.0", "-", "-", "2.0"), List.of(lines.get(1).trim().split(" +")));
        assertEquals(List.of("conv1", "-", "2.0", "0.5", "2.5"), List.of(lines.get(2).trim().split(" +")));
        assertEquals(List.of("conv2", "-", "-", "3.0", "3.0"), List.of(lines.get(3).trim().split(" +")));
        assertEquals(List.of("total", "2.0", "2.0", "3.5", "7.5"), List.of(lines.get(4).trim().split(" +")));
    }
}
