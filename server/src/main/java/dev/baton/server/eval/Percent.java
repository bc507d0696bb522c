package dev.baton.server.eval;

/** How the eval commands print a share: one decimal, "n/a" when there were no rows to take it of. */
final class Percent {
    private Percent() {}

    static String of(Double share) {
        return share == null ? "n/a" : String.format("%.1f%%", share * 100);
    }
}
