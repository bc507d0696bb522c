package dev.baton.console;

import dev.baton.kpi.KpiCsv;
import dev.baton.kpi.KpiRange;
import dev.baton.kpi.KpiService;
import dev.baton.kpi.Kpis;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Optional;

/** The support KPIs for admins (docs/kpis.md): as JSON for the dashboard, and each chart as CSV. */
public final class KpiController {
    private final KpiService kpis;

    public KpiController(KpiService kpis) {
        this.kpis = kpis;
    }

    /** {@code GET /api/kpis?from&to&tz}. */
    public void get(Context ctx) {
        ctx.json(kpis.compute(range(ctx)));
    }

    /** {@code GET /api/kpis/{chart}.csv?from&to&tz}: the path parameter holds "{chart}.csv". */
    public void csv(Context ctx) {
        String file = ctx.pathParam("file");
        KpiCsv chart = (file.endsWith(".csv") ? KpiCsv.of(file.substring(0, file.length() - 4))
                : Optional.<KpiCsv>empty())
                .orElseThrow(() -> new ApiError(HttpStatus.NOT_FOUND, "not_found",
                        "No such chart: " + file + ". Charts: " + String.join(", ", KpiCsv.charts())
                                + " (add .csv)."));
        KpiRange range = range(ctx);
        Kpis computed = kpis.compute(range);
        ctx.header("Content-Disposition", "attachment; filename=\"baton-" + chart.chart() + "-" + range.from() + "-to-"
                + range.to() + ".csv\"");
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("text/csv; charset=utf-8").result(chart.render(computed));
    }

    private static KpiRange range(Context ctx) {
        try {
            return KpiRange.parse(ctx.queryParam("from"), ctx.queryParam("to"), ctx.queryParam("tz"));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage());
        }
    }
}
