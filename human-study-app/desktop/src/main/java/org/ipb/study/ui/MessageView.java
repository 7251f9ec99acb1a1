package org.ipb.study.ui;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** A page of text with an optional button: instructions, feedback, breaks, the end, errors. */
final class MessageView {
    private final VBox root = new VBox(24);
    private final Label title = new Label();
    private final Label body = new Label();
    private final Button button = new Button();

    MessageView(Runnable onContinue) {
        title.setId("message-title");
        title.getStyleClass().add("message-title");
        body.setId("message-body");
        body.setWrapText(true);
        body.setMaxWidth(760);
        button.setId("continue");
        button.setDefaultButton(true);
        button.setOnAction(e -> onContinue.run());
        root.getChildren().addAll(title, body, button);
        root.setAlignment(Pos.CENTER);
        root.setPadding(new Insets(48));
        root.setId("message-view");
    }

    VBox node() {
        return root;
    }

    /** Shows the page; a null button text hides the button (the end, a fatal error). */
    void show(String titleText, String bodyText, String buttonText) {
        title.setText(titleText);
        body.setText(bodyText);
        button.setVisible(buttonText != null);
        button.setManaged(buttonText != null);
        button.setText(buttonText == null ? "" : buttonText + "  (space)");
    }

    boolean hasButton() {
        return button.isVisible();
    }
}
