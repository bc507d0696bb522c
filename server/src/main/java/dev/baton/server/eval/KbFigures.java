package dev.baton.server.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** What {@code eval kb} reports of a set of answered rows, each a share of the rows it is about (null: no rows). */
record KbFigures(int inScope, int outOfScope, int japaneseInScope, Map<String, Double> shares) {

    static KbFigures of(List<KbEval.Outcome> outcomes) {
        List<KbEval.Outcome> in = outcomes.stream().filter(o -> !o.outOfScope()).toList();
        List<KbEval.Outcome> out = outcomes.stream().filter(KbEval.Outcome::outOfScope).toList();
        List<KbEval.Outcome> japanese = in.stream().filter(o -> "ja".equals(o.language())).toList();
        Map<String, Double> shares = new LinkedHashMap<>();
        shares.put("top1", share(in, KbEval.Outcome::top1));
        shares.put("top3", share(in, KbEval.Outcome::top3));
        shares.put("rightAnswered", share(in, KbEval.Outcome::rightAnswered));
        shares.put("rightAnsweredOrOffered", share(in, KbEval.Outcome::rightAnsweredOrOffered));
        shares.put("wrongAnswered", share(in, o -> o.confident() && !o.top1()));
        shares.put("offered", share(in, KbEval.Outcome::offered));
        shares.put("notSure", share(in, o -> !o.confident() && !o.offered()));
        shares.put("oosAnswered", share(out, KbEval.Outcome::confident));
        shares.put("oosOffered", share(out, KbEval.Outcome::offered));
        shares.put("oosNotSure", share(out, o -> !o.confident() && !o.offered()));
        shares.put("japaneseRightAnswered", share(japanese, KbEval.Outcome::rightAnswered));
        shares.put("japaneseRightAnsweredOrOffered", share(japanese, KbEval.Outcome::rightAnsweredOrOffered));
        return new KbFigures(in.size(), out.size(), japanese.size(), shares);
    }

    private static Double share(List<KbEval.Outcome> rows, Predicate<KbEval.Outcome> test) {
        return rows.isEmpty() ? null : rows.stream().filter(test).count() / (double) rows.size();
    }
}
