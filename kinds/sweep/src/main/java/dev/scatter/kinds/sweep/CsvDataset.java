package dev.scatter.kinds.sweep;

import dev.scatter.task.InvalidParametersException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Parses a sweep's CSV data: a header row, then one row per sample; the label column holds class labels (any
 * text), the feature columns numbers, the fold column (if any) whole numbers. Fields may be quoted ("a,b", with
 * "" for a quote) but not span lines. Every problem is an {@link InvalidParametersException} naming the column
 * and line, so the submitter can refuse bad data before submitting and a runner can quarantine it.
 */
public final class CsvDataset {

    private CsvDataset() {
    }

    /**
     * @param source     how messages name the data (a file name)
     * @param features   the feature columns, or null for every column but the label and fold columns
     * @param foldColumn the fold column, or null
     */
    public static Dataset parse(byte[] csv, String source, String label, List<String> features, String foldColumn) {
        String text = new String(csv, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<String> lines = text.lines().toList();
        int headerLine = 0;
        while (headerLine < lines.size() && lines.get(headerLine).isBlank()) {
            headerLine++;
        }
        if (headerLine == lines.size()) {
            throw new InvalidParametersException(source + " is empty: a sweep needs a header row and rows of data");
        }
        List<String> header = split(lines.get(headerLine), headerLine + 1, source).stream().map(String::strip).toList();
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            if (columns.put(header.get(i), i) != null) {
                throw new InvalidParametersException(source + " names column '" + header.get(i) + "' twice");
            }
        }
        int labelColumn = column(columns, header, label, "label column", source);
        int foldIndex = foldColumn == null ? -1 : column(columns, header, foldColumn, "fold column", source);
        if (foldIndex == labelColumn) {
            throw new InvalidParametersException("the fold column cannot be the label column ('" + label + "')");
        }
        List<String> featureNames = new ArrayList<>();
        if (features == null) {
            for (int i = 0; i < header.size(); i++) {
                if (i != labelColumn && i != foldIndex) {
                    featureNames.add(header.get(i));
                }
            }
        } else {
            Set<String> distinct = new LinkedHashSet<>(features);
            if (distinct.size() != features.size()) {
                throw new InvalidParametersException("a feature column is named twice in " + features);
            }
            featureNames.addAll(distinct);
        }
        if (featureNames.isEmpty()) {
            throw new InvalidParametersException(source + " has no feature columns besides the label"
                    + (foldColumn == null ? "" : " and fold") + " column");
        }
        int[] featureIndex = new int[featureNames.size()];
        for (int f = 0; f < featureIndex.length; f++) {
            String name = featureNames.get(f);
            featureIndex[f] = column(columns, header, name, "feature column", source);
            if (featureIndex[f] == labelColumn || featureIndex[f] == foldIndex) {
                throw new InvalidParametersException("'" + name + "' cannot be both a feature and the "
                        + (featureIndex[f] == labelColumn ? "label" : "fold") + " column");
            }
        }

        List<double[]> x = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<Long> folds = new ArrayList<>();
        for (int n = headerLine + 1; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.isBlank()) {
                continue;
            }
            int lineNumber = n + 1;
            List<String> fields = split(line, lineNumber, source);
            if (fields.size() != header.size()) {
                throw new InvalidParametersException("line " + lineNumber + " of " + source + " has " + fields.size()
                        + " fields, the header has " + header.size());
            }
            double[] row = new double[featureIndex.length];
            for (int f = 0; f < row.length; f++) {
                row[f] = number(fields.get(featureIndex[f]), featureNames.get(f), lineNumber, source);
            }
            String value = fields.get(labelColumn);
            if (value.isBlank()) {
                throw new InvalidParametersException("the label column '" + label + "' of " + source
                        + " is empty on line " + lineNumber);
            }
            x.add(row);
            labels.add(value);
            if (foldIndex >= 0) {
                folds.add(wholeNumber(fields.get(foldIndex), foldColumn, lineNumber, source));
            }
        }
        if (x.isEmpty()) {
            throw new InvalidParametersException(source + " has a header but no rows");
        }
        List<String> classes = sortedClasses(labels);
        if (classes.size() < 2) {
            throw new InvalidParametersException("every row of " + source + " has the label '" + classes.get(0)
                    + "': a classifier needs two classes or more");
        }
        Map<String, Integer> classIndex = new HashMap<>();
        for (int c = 0; c < classes.size(); c++) {
            classIndex.put(classes.get(c), c);
        }
        int[] y = new int[labels.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = classIndex.get(labels.get(i));
        }
        long[] foldIds = foldIndex < 0 ? null : folds.stream().mapToLong(Long::longValue).toArray();
        return new Dataset(List.copyOf(featureNames), x.toArray(double[][]::new), y, classes, foldIds);
    }

    /** Numerically when every label is a number (as numpy sorts numbers), else as text. */
    private static List<String> sortedClasses(List<String> labels) {
        Set<String> distinct = new TreeSet<>(labels);
        boolean numeric = distinct.stream().allMatch(CsvDataset::isNumber);
        Comparator<String> order = numeric ? Comparator.comparingDouble(Double::parseDouble) : Comparator.naturalOrder();
        return distinct.stream().sorted(order).toList();
    }

    private static boolean isNumber(String text) {
        try {
            return Double.isFinite(Double.parseDouble(text));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static int column(Map<String, Integer> columns, List<String> header, String name, String role,
                              String source) {
        Integer index = columns.get(name);
        if (index == null) {
            throw new InvalidParametersException(source + " has no " + role + " '" + name + "': its columns are "
                    + String.join(", ", header));
        }
        return index;
    }

    private static double number(String field, String column, int line, String source) {
        try {
            double value = Double.parseDouble(field);
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidParametersException("column '" + column + "' of " + source + " is not numeric: '"
                + abbreviate(field) + "' on line " + line);
    }

    private static long wholeNumber(String field, String column, int line, String source) {
        try {
            return Long.parseLong(field.strip());
        } catch (NumberFormatException e) {
            throw new InvalidParametersException("the fold column '" + column + "' of " + source
                    + " must hold whole numbers, not '" + abbreviate(field) + "' (line " + line + ")");
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    /** The fields of one line: commas separate, double quotes protect, "" is a quote inside quotes. */
    static List<String> split(String line, int lineNumber, String source) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (true) {
            if (i < line.length() && line.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= line.length()) {
                        throw new InvalidParametersException("line " + lineNumber + " of " + source
                                + " has a quote that is not closed (fields may not span lines)");
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < line.length() && line.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
                while (i < line.length() && line.charAt(i) != ',') {
                    field.append(line.charAt(i++));
                }
            } else {
                while (i < line.length() && line.charAt(i) != ',') {
                    field.append(line.charAt(i++));
                }
            }
            fields.add(field.toString());
            field.setLength(0);
            if (i >= line.length()) {
                return fields;
            }
            i++;
        }
    }
}
