package dev.baton.server.eval;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads the evaluation CSV files (a header row, then one row per example) and checks they have the columns. */
final class LabeledCsv {
    private LabeledCsv() {}

    static List<Map<String, String>> read(Path file, List<String> requiredColumns) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("No such file: " + file);
        }
        CsvMapper mapper = new CsvMapper();
        try (MappingIterator<Map<String, String>> rows = mapper.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(file.toFile())) {
            List<Map<String, String>> all = new ArrayList<>();
            while (rows.hasNext()) {
                Map<String, String> row = rows.next();
                for (String column : requiredColumns) {
                    if (!row.containsKey(column)) {
                        throw new IllegalArgumentException(file + " needs the columns " + requiredColumns
                                + "; row " + (all.size() + 1) + " has " + row.keySet());
                    }
                }
                all.add(row);
            }
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
        }
    }
}
