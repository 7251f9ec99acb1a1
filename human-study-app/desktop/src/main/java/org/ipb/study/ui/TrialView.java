package org.ipb.study.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.ipb.study.session.Screen;
import org.ipb.study.session.SessionFlow;
import org.ipb.study.store.JudgmentStore.PlannedTrial;

/**
 * The trial screen of Borowski et al. 2021 (Fig. 2) and Zimmermann et al. 2023: a 3x3 grid of the 9
 * minimally activating references on the left, the 9 maximally activating on the right, the two
 * queries in the centre, six response buttons below them. Built once and refilled for every trial,
 * so showing a trial only swaps images.
 */
final class TrialView {
    static final int GRID = 3;

    private final BorderPane root = new BorderPane();
    private final List<ImageView> minCells = new ArrayList<>();
    private final List<ImageView> maxCells = new ArrayList<>();
    private final ImageView queryA;
    private final ImageView queryB;
    private final Label progressText = new Label();
    private final ProgressBar progress = new ProgressBar(0);
    private final Label practice = new Label("Practice");
    private final List<Button> buttons = new ArrayList<>();

    /** {@code onResponse} gets the response and the event's System.nanoTime. */
    TrialView(int cellPx, BiConsumer<SessionFlow.Response, Long> onResponse) {
        int queryPx = cellPx * 3 / 2;
        queryA = cell(queryPx, "query-a");
        queryB = cell(queryPx, "query-b");

        VBox left = side("Least activating", grid(minCells, cellPx, "min-grid"), "min-side");
        VBox right = side("Most activating", grid(maxCells, cellPx, "max-grid"), "max-side");

        Label ask = new Label("Which image belongs with the right side?");
        ask.getStyleClass().add("ask");
        // Three confidence buttons under each query (Borowski et al. 2021, Fig. 2): outermost is surest.
        HBox leftButtons = new HBox(4);
        HBox rightButtons = new HBox(4);
        for (SessionFlow.Response r : SessionFlow.RESPONSES) {
            Button b = new Button(r.key() + "\n" + r.label().substring(r.label().indexOf(',') + 2));
            b.setId("response-" + r.key());
            b.getStyleClass().add(r.choice().equals("a") ? "left-answer" : "right-answer");
            b.setMinWidth(74);
            b.setPrefWidth(74);
            b.setOnAction(e -> onResponse.accept(r, System.nanoTime()));
            buttons.add(b);
            (r.choice().equals("a") ? leftButtons : rightButtons).getChildren().add(b);
        }
        leftButtons.setAlignment(Pos.CENTER);
        rightButtons.setAlignment(Pos.CENTER);
        VBox leftQuery = new VBox(8, framed(queryA), leftButtons);
        VBox rightQuery = new VBox(8, framed(queryB), rightButtons);
        leftQuery.setAlignment(Pos.CENTER);
        rightQuery.setAlignment(Pos.CENTER);
        HBox queries = new HBox(cellPx / 3, leftQuery, rightQuery);
        queries.setAlignment(Pos.CENTER);
        VBox centre = new VBox(cellPx / 4, ask, queries);
        centre.setAlignment(Pos.CENTER);
        centre.setId("queries");

        HBox body = new HBox(cellPx / 3, left, centre, right);
        body.setAlignment(Pos.CENTER);
        body.setFillHeight(false);
        body.setPadding(new Insets(cellPx / 4));

        progress.setMaxWidth(Double.MAX_VALUE);
        progress.setId("progress");
        progressText.setId("progress-text");
        progressText.setMinWidth(Region.USE_PREF_SIZE);
        practice.setId("practice-flag");
        HBox.setHgrow(progress, Priority.ALWAYS);
        practice.setMinWidth(Region.USE_PREF_SIZE);
        HBox top = new HBox(12, practice, progress, progressText);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(8, 16, 8, 16));
        root.setTop(top);
        root.setCenter(body);
        root.setId("trial-view");
    }

    BorderPane node() {
        return root;
    }

    /** Fills the screen with a trial's images; the buttons stay disabled until {@link #enable}. */
    void show(Screen.Trial s, ImageCache images) {
        PlannedTrial t = s.trial();
        fill(minCells, t.minReferences(), images);
        fill(maxCells, t.maxReferences(), images);
        queryA.setImage(images.get(t.queryA()));
        queryB.setImage(images.get(t.queryB()));
        progress.setProgress(s.planned() == 0 ? 0 : (s.position() - 1) / (double) s.planned());
        progressText.setText("Trial " + s.position() + " of " + s.planned());
        practice.setVisible(s.practice());
        practice.setManaged(s.practice());
        enable(false);
    }

    void enable(boolean on) {
        for (Button b : buttons) {
            b.setDisable(!on);
        }
    }

    private static void fill(List<ImageView> cells, List<String> ids, ImageCache images) {
        for (int i = 0; i < cells.size(); i++) {
            cells.get(i).setImage(i < ids.size() ? images.get(ids.get(i)) : null);
        }
    }

    private static GridPane grid(List<ImageView> cells, int px, String id) {
        GridPane g = new GridPane();
        g.setHgap(4);
        g.setVgap(4);
        g.setId(id);
        for (int i = 0; i < GRID * GRID; i++) {
            ImageView v = cell(px, id + "-" + i);
            cells.add(v);
            g.add(v, i % GRID, i / GRID);
        }
        return g;
    }

    private static ImageView cell(int px, String id) {
        ImageView v = new ImageView();
        v.setFitWidth(px);
        v.setFitHeight(px);
        v.setPreserveRatio(true);
        // Low-resolution stimuli (28x28) are shown with visible pixels rather than blurred.
        v.setSmooth(false);
        v.setId(id);
        return v;
    }

    private static VBox side(String title, GridPane grid, String id) {
        Label l = new Label(title);
        l.getStyleClass().add("side-title");
        VBox box = new VBox(8, l, grid);
        box.setAlignment(Pos.CENTER);
        box.setId(id);
        box.getStyleClass().add(id);
        return box;
    }

    private static Region framed(ImageView v) {
        VBox box = new VBox(v);
        box.getStyleClass().add("query-frame");
        box.setMaxWidth(Region.USE_PREF_SIZE);
        return box;
    }
}
