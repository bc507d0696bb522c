package dev.baton.widget;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The messenger's budget: the whole of it (script and styles are one file) under 40 KB gzipped. */
class WidgetSizeTest {
    private static final int BUDGET_BYTES = 40 * 1024;

    @Test
    void the_widget_script_with_its_styles_stays_under_40_kb_gzipped() throws IOException {
        byte[] script;
        try (InputStream in = WidgetAssets.class.getResourceAsStream("public/widget.js")) {
            assertNotNull(in, "widget.js is packaged");
            script = in.readAllBytes();
        }
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
            gzip.write(script);
        }

        assertTrue(gzipped.size() < BUDGET_BYTES, "widget.js is " + gzipped.size() + " bytes gzipped ("
                + script.length + " raw); the budget is " + BUDGET_BYTES);
    }
}
