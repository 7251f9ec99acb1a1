package org.ipb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code ipb bench study} on a small study: the table's rows and counts, not its times. */
class BenchStudyCommandTest {
    @Test
    void printsOneRowPerSetupWithEveryResponseCounted() {
        CliRunner.Result r = CliRunner.run("bench", "study", "--trials", "30", "--stations", "3");
        assertEquals(0, r.exitCode(), r.err());
        Matcher m = Pattern.compile("(?m)^(file|tcp) +(\\d+) +(\\d+) \\|").matcher(r.out());
        List<String> rows = new java.util.ArrayList<>();
        while (m.find()) {
            rows.add(m.group(1) + " " + m.group(2) + " " + m.group(3));
        }
        assertEquals(List.of("file 1 30", "tcp 1 30", "tcp 3 90"), rows, r.out());
        assertTrue(r.out().contains("re-reading one finished session of 30 trials"), r.out());
    }

    @Test
    void refusesZeroStations() {
        CliRunner.Result r = CliRunner.run("bench", "study", "--stations", "0");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--stations"), r.err());
    }
}
