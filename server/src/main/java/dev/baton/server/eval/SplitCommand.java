package dev.baton.server.eval;

import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code baton eval split}: a documented, repeatable fit/check split of a labelled file: within each label, every
 * k-th row (the k-th, 2k-th, ...) goes to check.csv, the rest to fit.csv. Written outside the project.
 */
@Command(name = "split", mixinStandardHelpOptions = true,
        description = "Split a text,label file into fit.csv and check.csv: every k-th row of each label to check.")
final class SplitCommand implements Callable<Integer> {

    @Option(names = "--input", required = true, description = "The CSV to split (columns text,label).")
    Path input;

    @Option(names = "--every", defaultValue = "5", description = "Every k-th row of a label goes to check (default 5).")
    int every;

    @Option(names = "--by", defaultValue = "label", description = "The column whose values are split evenly "
            + "(default label; intent for a handoff file). Every column is kept.")
    String by;

    @Option(names = "--out", required = true, description = "Folder to write fit.csv and check.csv into.")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (every < 2) {
            throw new IllegalArgumentException("--every must be 2 or more");
        }
        List<Map<String, String>> rows = LabeledCsv.read(input, List.of("text", by));
        Map<String, Integer> seen = new HashMap<>();
        List<Map<String, String>> fit = new ArrayList<>();
        List<Map<String, String>> check = new ArrayList<>();
        for (Map<String, String> row : rows) {
            int index = seen.merge(row.get(by), 1, Integer::sum);
            (index % every == 0 ? check : fit).add(row);
        }
        Files.createDirectories(out);
        List<String> columns = List.copyOf(rows.get(0).keySet());
        write(out.resolve("fit.csv"), columns, fit);
        write(out.resolve("check.csv"), columns, check);
        System.out.printf("%d rows: %d to %s, %d to %s%n", rows.size(), fit.size(), out.resolve("fit.csv"),
                check.size(), out.resolve("check.csv"));
        return 0;
    }

    private static void write(Path file, List<String> columns, List<Map<String, String>> rows) throws IOException {
        CsvSchema.Builder builder = CsvSchema.builder();
        columns.forEach(builder::addColumn);
        CsvSchema schema = builder.build().withHeader();
        // Quote only where CSV needs it, so the files read like the originals.
        new CsvMapper().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).writerFor(Map.class).with(schema).writeValues(file.toFile()).writeAll(rows).close();
    }
}
