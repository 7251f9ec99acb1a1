package org.ipb.manifest;

/** One thing wrong inside a manifest, located by a JSON path such as {@code $.layers[2].name}. */
record ManifestProblem(String jsonPath, String problem) {
    @Override
    public String toString() {
        return jsonPath + ": " + problem;
    }

    /** {@code $.a.b} for plain names, {@code $.a['x/y']} otherwise (the JSONPath convention). */
    static String child(String parent, String property) {
        return property.matches("[A-Za-z_][A-Za-z0-9_]*")
                ? parent + "." + property
                : parent + "['" + property.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }
}
