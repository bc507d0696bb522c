package dev.baton.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar baton.jar} as a user runs it, in a process of its own: a start prints only what the user needs,
 * and Ctrl-C (SIGINT to the whole process group, as a terminal sends it) stops every part quietly.
 */
class StartAndStopTest {
    private static final Duration START_WITHIN = Duration.ofSeconds(90);
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    @TempDir
    Path dir;

    @Test
    void a_start_prints_only_baton_lines_and_ctrl_c_stops_quietly() throws Exception {
        assumeTrue(Files.isExecutable(SETSID), "setsid makes the process group a terminal would have");
        assumeTrue(!ignoresCtrlC(), "this JVM was started with SIGINT ignored (nohup, or '&' without job control); "
                + "Baton inherits that, so Ctrl-C can't be tried here");
        Path output = dir.resolve("output.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // setsid: Baton leads a process group of its own, which also holds every child it starts (a terminal's
        // foreground job); kill -INT -<pid> then reaches them all at once, as Ctrl-C does.
        Process baton = new ProcessBuilder(SETSID.toString(), java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "--port", "0", "--data-dir", dir.resolve("data").toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            String started = awaitOutput(output, "Press Ctrl-C to stop.", baton);

            assertFalse(started.contains("CUDA"), started);
            assertFalse(started.contains("\u001b"), "no terminal codes: " + started);
            assertFalse(started.contains("WARN"), started);
            assertTrue(started.contains("Demo logins:"), started);

            Process ctrlC = new ProcessBuilder("kill", "-INT", "--", "-" + baton.pid()).inheritIO().start();
            assertEquals(0, ctrlC.waitFor());
            assertTrue(baton.waitFor(30, TimeUnit.SECONDS), "Baton stopped");
            String all = Files.readString(output, StandardCharsets.UTF_8);
            String stopping = all.substring(all.indexOf("Stopping Baton"));
            assertFalse(stopping.contains("WARN") || stopping.contains("Exception") || stopping.contains("Failed"),
                    stopping);
            assertFalse(Files.exists(dir.resolve("data").resolve("redis.port")), "its Redis was stopped by Baton");
        } finally {
            baton.destroyForcibly();
            baton.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Whether SIGINT is ignored in this process (bit 2 of SigIgn in /proc/self/status); children inherit it. */
    private static boolean ignoresCtrlC() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseLong(line.substring("SigIgn:".length()).trim(), 16) & 0x2) != 0;
            }
        }
        return false;
    }

    /**
     * The README's build, {@code mvn -B -q ...}, prints nothing when all is well. Debian's Maven 3.8.7 resets the
     * terminal's colours (ESC[0m) at the start and end of every run, even in batch mode and into a pipe, unless
     * jansi is told not to: the project's .mvn/jvm.config does.
     */
    @Test
    void the_readme_build_command_prints_no_terminal_codes() throws Exception {
        Path mvn = java.util.Arrays.stream(System.getenv("PATH").split(java.io.File.pathSeparator))
                .map(folder -> Path.of(folder, "mvn")).filter(Files::isExecutable).findFirst().orElse(null);
        assumeTrue(mvn != null, "Maven is on the PATH");
        Path root = Path.of("").toAbsolutePath().getParent();
        Path output = dir.resolve("mvn.txt");
        Process build = new ProcessBuilder(mvn.toString(), "-B", "-q", "-o", "validate").directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertTrue(build.waitFor(120, TimeUnit.SECONDS), "mvn validate finished");
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertEquals(0, build.exitValue(), printed);
        assertEquals("", printed, "nothing at all, not even ESC[0m");
    }

    private static String awaitOutput(Path output, String line, Process process)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            String text = Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
            if (List.of(text.split("\n")).stream().anyMatch(l -> l.trim().equals(line))) {
                return text;
            }
            if (!process.isAlive()) {
                throw new AssertionError("Baton exited with " + process.exitValue() + ":\n" + text);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no '" + line + "' within " + START_WITHIN);
    }
}
