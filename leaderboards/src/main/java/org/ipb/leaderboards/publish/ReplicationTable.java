package org.ipb.leaderboards.publish;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.ipb.core.UserError;

/**
 * A machine replication published beside the board ({@code <board>/<name>/REPLICATION.md} and
 * {@code conditions.csv}, as {@code ipb replicate} writes them), shown on the board as its
 * condition table with a link to the full report.
 *
 * @param folder the replication's folder name under the board
 * @param title the report's first heading
 * @param header the CSV header
 * @param rows the CSV rows
 */
public record ReplicationTable(String folder, String title, List<String> header, List<List<String>> rows) {
    public static final String REPORT = "REPLICATION.md";
    public static final String CONDITIONS = "conditions.csv";

    public ReplicationTable {
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
    }

    /** The replications in {@code board}'s subfolders, by folder name; none when it does not exist. */
    public static List<ReplicationTable> findIn(Path board) {
        if (!Files.isDirectory(board)) {
            return List.of();
        }
        List<ReplicationTable> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(board)) {
            for (Path d : s.filter(Files::isDirectory).sorted().toList()) {
                Path report = d.resolve(REPORT);
                Path csv = d.resolve(CONDITIONS);
                if (Files.isRegularFile(report) && Files.isRegularFile(csv)) {
                    out.add(read(d.getFileName().toString(), report, csv));
                }
            }
        } catch (IOException e) {
            throw new UserError(board, "cannot list the replications beside the board: " + e.getMessage(), e);
        }
        return out;
    }

    static ReplicationTable read(String folder, Path report, Path csv) throws IOException {
        String title = Files.readAllLines(report, StandardCharsets.UTF_8).stream().filter(l -> l.startsWith("# "))
                .findFirst().map(l -> l.substring(2).strip()).orElse(folder);
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank())
                .toList();
        if (lines.isEmpty()) {
            throw new UserError(csv, "empty conditions table");
        }
        // ipb replicate writes plain fields (names and numbers, no commas inside), so a split is exact.
        List<String> header = List.of(lines.get(0).split(",", -1));
        List<List<String>> rows = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            List<String> f = List.of(l.split(",", -1));
            if (f.size() != header.size()) {
                throw new UserError(csv, "row has " + f.size() + " fields, header " + header.size() + ": " + l);
            }
            rows.add(f);
        }
        return new ReplicationTable(folder, title, header, rows);
    }

    /** Link to the full report, relative to the board. */
    String reportLink() {
        return folder + "/" + REPORT;
    }
}
