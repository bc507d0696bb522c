package dev.baton.server.eval;

import picocli.CommandLine.Command;

/** {@code baton eval ...}: measures the bot on public data sets; see docs/quality.md. */
@Command(name = "eval", description = "Measure the bot on labelled data (see docs/quality.md).",
        mixinStandardHelpOptions = true, subcommands = {KbEval.class, HandoffEval.class, FrustrationEval.class,
                FitFrustrationCommand.class, FitIntentsCommand.class, FitRankerCommand.class, ConversationsEval.class,
            SplitCommand.class})
public final class EvalCommand {}
