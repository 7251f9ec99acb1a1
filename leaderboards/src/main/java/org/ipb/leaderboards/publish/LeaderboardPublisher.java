package org.ipb.leaderboards.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.ipb.core.StagedOutput;
import org.ipb.core.UserError;
import org.ipb.leaderboards.board.DirectionScore;
import org.ipb.leaderboards.board.Leaderboard;
import org.ipb.leaderboards.board.LeaderboardRow;

/**
 * Publishes a leaderboard into a folder, all or nothing:
 *
 * <ul>
 *   <li>{@value #JSON}: the board (Jackson, pretty-printed, keys in declaration or sorted order,
 *       doubles as the shortest decimal that reads back exactly, non-finite ones as strings);
 *   <li>{@value #SCHEMA}: its JSON Schema (draft 2020-12); the JSON is checked against it before
 *       anything is written;
 *   <li>{@value #CSV}: one line per row, RFC 4180, at most 6 significant digits;
 *   <li>{@value #MARKDOWN}: benchmarks, human note, noise ceiling, one table per benchmark and model
 *       layer (best predicted accuracy first) and the scorer-validity table;
 *   <li>{@value #HTML}: the same as a static page, with one chart per table
 *       ({@code accuracy-NN-<benchmark>-<model>-<layer>.png}) and, when any row has human data,
 *       {@value Charts#HUMAN_CHART}.
 * </ul>
 *
 * <p>Everything is rendered in memory first, then written into a hidden staging folder beside
 * {@code dir} ({@link StagedOutput}) and moved into {@code dir}; a failure leaves {@code dir} as it
 * was. Other files already in {@code dir} are left alone (charts of an earlier board with other
 * layers included). The output depends on the board only: publishing it twice gives
 * byte-identical files.
 */
public final class LeaderboardPublisher {
    public static final String JSON = "leaderboard.json";
    public static final String SCHEMA = "leaderboard.schema.json";
    public static final String CSV = "leaderboard.csv";
    public static final String MARKDOWN = "LEADERBOARD.md";
    public static final String HTML = "index.html";
    public static final String DIRECTIONS = "directions.csv";
    /** Folder of the rows' contact sheets. */
    public static final String SHEETS = "sheets";

    private LeaderboardPublisher() {}

    /**
     * Writes the board's files into {@code dir} (created when missing) and returns their names,
     * sorted.
     *
     * @throws UserError naming {@code dir} (or the offending path in it) when it cannot be written:
     *     {@code dir} is not a folder, a file name is taken by a folder, the disk is full, ...
     * @throws IllegalStateException when the board does not match the schema (a bug in whoever built it)
     */
    public static List<String> publish(Leaderboard board, Path dir) {
        return publish(board, List.of(), dir);
    }

    /**
     * As {@link #publish(Leaderboard, Path)}, with the per-direction scores: also {@value
     * #DIRECTIONS} and one strip plot of per-direction hard MIS per table.
     */
    public static List<String> publish(Leaderboard board, List<DirectionScore> directions, Path dir) {
        return publish(board, directions, List.of(), dir);
    }

    /**
     * As {@link #publish(Leaderboard, List, Path)}, with each row's contact sheets copied under
     * {@code sheets/} and linked from its table.
     */
    public static List<String> publish(Leaderboard board, List<DirectionScore> directions, List<RowSheets> sheets,
            Path dir) {
        Objects.requireNonNull(board, "board");
        Objects.requireNonNull(dir, "dir");
        Map<String, byte[]> files = render(board, directions, sheets, ReplicationTable.findIn(dir));
        preflight(dir, files.keySet());
        try (StagedOutput out = StagedOutput.begin(dir)) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Files.createDirectories(out.file(f.getKey()).getParent());
                Files.write(out.file(f.getKey()), f.getValue(), StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
            }
            out.commit();
            if (files.keySet().stream().noneMatch(n -> n.startsWith(SHEETS + "/"))) {
                StagedOutput.deleteTree(dir.resolve(SHEETS)); // a staged sheets/ replaces the old one; none, none
            }
        } catch (IOException e) {
            throw new UserError(dir, "cannot write the leaderboard: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new UserError(dir, "cannot write the leaderboard: " + e.getMessage() + ": "
                    + e.getCause().getMessage(), e);
        }
        return List.copyOf(files.keySet());
    }

    /**
     * The files {@link #publish} writes (name -> bytes, sorted by name), without touching the disk.
     *
     * @throws IllegalStateException when the board does not match the schema
     */
    public static Map<String, byte[]> render(Leaderboard board) {
        return render(board, List.of());
    }

    /** {@link #render(Leaderboard)} plus the per-direction table and strip plots when given. */
    public static Map<String, byte[]> render(Leaderboard board, List<DirectionScore> directions) {
        return render(board, directions, List.of());
    }

    /** {@link #render(Leaderboard, List)} plus the rows' contact sheets, read from their files. */
    public static Map<String, byte[]> render(Leaderboard board, List<DirectionScore> directions,
            List<RowSheets> sheets) {
        return render(board, directions, sheets, List.of());
    }

    /** ... and the tables of the machine replications published beside the board. */
    public static Map<String, byte[]> render(Leaderboard board, List<DirectionScore> directions,
            List<RowSheets> sheets, List<ReplicationTable> replications) {
        String json = JsonOutput.json(board);
        List<String> problems = JsonOutput.violations(json);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("leaderboard does not match " + SCHEMA + ": " + problems.get(0)
                    + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
        }
        List<Table> tables = Table.of(board);
        boolean humanChart = board.rows().stream().anyMatch(r -> r.human() != null && r.headline() != null
                && LeaderboardRow.Headline.PREDICTED_HUMAN.equals(r.headline().measure()));
        java.util.SortedMap<String, byte[]> files = new TreeMap<>();
        files.put(JSON, utf8(json));
        files.put(SCHEMA, JsonOutput.schemaBytes());
        files.put(CSV, utf8(CsvOutput.csv(board)));
        boolean strips = !directions.isEmpty();
        List<RowSheets> shown = sheets.stream()
                .filter(s -> board.rows().stream().anyMatch(s::belongsTo) && !s.files().isEmpty()).toList();
        files.put(MARKDOWN, utf8(MarkdownOutput.markdown(board, strips, shown, replications)));
        files.put(HTML, utf8(HtmlOutput.html(board, tables, humanChart, strips, shown, replications)));
        for (RowSheets s : shown) {
            for (int i = 0; i < s.files().size(); i++) {
                try {
                    files.put(s.publishedName(i), Files.readAllBytes(s.files().get(i)));
                } catch (IOException e) {
                    throw new UserError(s.files().get(i), "cannot read the contact sheet: " + e.getMessage(), e);
                }
            }
        }
        for (Table t : tables) {
            files.put(t.chartFile(), Charts.accuracy(t));
            if (strips) {
                files.put(t.stripFile(), Charts.strip(t, directions));
            }
        }
        if (strips) {
            files.put(DIRECTIONS, utf8(CsvOutput.directions(directions)));
        }
        if (humanChart) {
            files.put(Charts.HUMAN_CHART, Charts.predictedVersusHuman(tables));
        }
        return java.util.Collections.unmodifiableSortedMap(files);
    }

    /** The schema of {@value #JSON}, as written next to it. */
    public static String schema() {
        return new String(JsonOutput.schemaBytes(), StandardCharsets.UTF_8);
    }

    /** Fails before anything is written when a move into {@code dir} could not succeed. */
    private static void preflight(Path dir, Iterable<String> names) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UserError(dir, "output exists and is not a folder");
        }
        if (Files.isDirectory(dir)) {
            for (String name : names) {
                Path target = dir.resolve(name);
                if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                    throw new UserError(target, "is a folder; cannot replace it with a file");
                }
            }
            if (!Files.isWritable(dir)) {
                throw new UserError(dir, "output folder is not writable");
            }
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
