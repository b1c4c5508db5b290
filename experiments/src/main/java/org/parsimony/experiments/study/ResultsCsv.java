package org.parsimony.experiments.study;

import org.parsimony.variational.io.IoCause;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The CSV form of finished runs ({@code runs.csv}): one header line, one line per run. Fields holding a comma
 * (architecture names such as {@code mlp:300,100}) are quoted; units per layer are joined by {@code -}.
 */
public final class ResultsCsv {
    /** The header line. */
    public static final String HEADER = "dataset,arch,method,ratio,seed,accuracy_before,accuracy_after,params_kept,"
            + "params_start,params_fraction,flops_kept,flops_start,flops_fraction,units_kept,units_start,seconds";
    private static final int COLUMNS = HEADER.split(",").length;

    private ResultsCsv() {
    }

    /** The file's text for {@code results}, in their order. */
    public static String format(List<RunResult> results) {
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        for (RunResult r : results) {
            RunKey k = r.key();
            RunMeasurement m = r.measurement();
            b.append(String.join(",", quote(k.dataset()), quote(k.arch()), quote(k.method()), k.ratio(),
                    Long.toString(k.seed()), fraction(m.accuracyBefore()), fraction(m.accuracyAfter()),
                    Long.toString(m.paramsKept()), Long.toString(m.paramsStart()), fraction(m.paramsFraction()),
                    Long.toString(m.flopsKept()), Long.toString(m.flopsStart()), fraction(m.flopsFraction()),
                    units(m.unitsKept()), units(m.unitsStart()), String.format(Locale.ROOT, "%.2f", r.seconds())))
                    .append('\n');
        }
        return b.toString();
    }

    /**
     * Reads a results file.
     *
     * @throws IllegalArgumentException naming the file and line of a malformed row
     */
    public static List<RunResult> read(Path file) {
        List<String> lines = utf8Lines(file);
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IllegalArgumentException(file + " is not a runs.csv of this version (header differs)");
        }
        List<RunResult> results = new ArrayList<>();
        Map<RunKey, Integer> lineOf = new HashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            RunResult result;
            try {
                result = parse(lines.get(i));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + " is malformed: " + e.getMessage());
            }
            Integer first = lineOf.putIfAbsent(result.key(), i + 1);
            if (first != null) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + " repeats the run of line " + first);
            }
            results.add(result);
        }
        return results;
    }

    /**
     * The lines of {@code file}, decoded strictly as UTF-8.
     *
     * @throws IllegalArgumentException naming the file (and the line of the first byte that is not UTF-8)
     */
    private static List<String> utf8Lines(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + IoCause.of(e));
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer text = CharBuffer.allocate(bytes.length);
        CoderResult result = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(in, text, true);
        if (result.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw new IllegalArgumentException(file + " line " + line + " is not UTF-8 text: not a runs table written by "
                    + "this program");
        }
        return text.flip().toString().lines().toList();
    }

    private static RunResult parse(String line) {
        List<String> f = split(line);
        if (f.size() != COLUMNS) {
            throw new IllegalArgumentException(f.size() + " fields instead of " + COLUMNS);
        }
        RunKey key = new RunKey(f.get(0), f.get(1), requireMethod(f.get(2)), f.get(3), Long.parseLong(f.get(4)));
        RunMeasurement m = new RunMeasurement(Double.parseDouble(f.get(5)), Double.parseDouble(f.get(6)),
                Long.parseLong(f.get(7)), Long.parseLong(f.get(8)), Long.parseLong(f.get(10)), Long.parseLong(f.get(11)),
                parseUnits(f.get(13)), parseUnits(f.get(14)));
        double seconds = Double.parseDouble(f.get(15));
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("seconds must be finite and >= 0, got " + f.get(15));
        }
        return new RunResult(key, m, seconds);
    }

    /** A study method's name, or one with a trainer variant ({@code variational[lr=3e-4]}). */
    private static String requireMethod(String method) {
        String base = method.contains("[") && method.endsWith("]") ? method.substring(0, method.indexOf('[')) : method;
        if (StudyMethod.values().stream().noneMatch(m -> m.label().equals(base))) {
            throw new IllegalArgumentException("unknown method '" + method + "'");
        }
        return method;
    }

    private static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quote");
        }
        fields.add(field.toString());
        return fields;
    }

    private static String quote(String field) {
        return field.contains(",") || field.contains("\"") ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }

    private static String fraction(double value) {
        return String.format(Locale.ROOT, "%.6f", value);
    }

    private static String units(int[] units) {
        return Arrays.stream(units).mapToObj(Integer::toString).collect(Collectors.joining("-"));
    }

    private static int[] parseUnits(String text) {
        return text.isEmpty() ? new int[0] : Arrays.stream(text.split("-")).mapToInt(Integer::parseInt).toArray();
    }
}
