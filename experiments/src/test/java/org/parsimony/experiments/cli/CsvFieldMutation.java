package org.parsimony.experiments.cli;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Changes one cell of a CSV file (header included) to a huge, negative, non-numeric, empty or quote-breaking value, or
 * adds or drops a cell or duplicates a row; the rest of the file stays as it was.
 */
final class CsvFieldMutation {
    private static final String[] VALUES = {"", "x", "NaN", "Infinity", "-1", "0", "99999999999999999999", "1e309",
            "2147483648", "-9223372036854775808", "\"", "0.5", "1-2-3", "auto", "\u00e9\u00e8"};

    private CsvFieldMutation() {
    }

    static Mutation of(SplittableRandom random, byte[] file) {
        List<String> lines = lines(file);
        int row = random.nextInt(lines.size());
        int cells = split(lines.get(row)).size();
        int column = random.nextInt(cells);
        return switch (random.nextInt(5)) {
            case 0 -> new Mutation("CSV row " + row + ": a cell added", b -> edit(b, row, c -> c.add("1")));
            case 1 -> new Mutation("CSV row " + row + ": cell " + column + " dropped", b -> edit(b, row, c -> c.remove(column)));
            case 2 -> new Mutation("CSV row " + row + " duplicated", b -> {
                List<String> all = lines(b);
                all.add(row, all.get(row));
                return join(all);
            });
            default -> {
                String value = VALUES[random.nextInt(VALUES.length)];
                yield new Mutation("CSV row " + row + " cell " + column + " set to '" + value + "'",
                        b -> edit(b, row, c -> c.set(column, value)));
            }
        };
    }

    private interface CellEdit {
        void on(List<String> cells);
    }

    private static byte[] edit(byte[] file, int row, CellEdit edit) {
        List<String> all = lines(file);
        List<String> cells = split(all.get(row));
        edit.on(cells);
        List<String> quoted = new ArrayList<>();
        for (String c : cells) {
            quoted.add(c.contains(",") ? "\"" + c + "\"" : c);
        }
        all.set(row, String.join(",", quoted));
        return join(all);
    }

    private static List<String> lines(byte[] file) {
        return new ArrayList<>(List.of(new String(file, StandardCharsets.UTF_8).split("\n")));
    }

    private static byte[] join(List<String> lines) {
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The cells of a line, quotes around a cell holding commas removed. */
    private static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
