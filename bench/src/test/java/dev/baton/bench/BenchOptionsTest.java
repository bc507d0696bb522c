package dev.baton.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The benchmark's command line refuses what it does not know before it starts anything (a run takes minutes). */
class BenchOptionsTest {

    @Test
    void an_unknown_part_or_option_is_refused_with_the_usage() {
        for (String[] args : new String[][] {{"clossed"}, {"--frob"}, {"--customers", "many"}}) {
            StringWriter err = new StringWriter();
            CommandLine command = new CommandLine(new Bench()).setErr(new PrintWriter(err));

            assertEquals(2, command.execute(args), String.join(" ", args));
            assertTrue(err.toString().contains("Usage: baton-bench"), err.toString());
        }
    }

    @Test
    void help_prints_the_parts_and_runs_nothing() {
        StringWriter out = new StringWriter();
        CommandLine command = new CommandLine(new Bench()).setOut(new PrintWriter(out));

        assertEquals(0, command.execute("--help"));
        assertTrue(out.toString().contains("embedding, closed, open, handoff"), out.toString());
    }
}
