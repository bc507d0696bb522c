package dev.baton.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.kb.AnswerPolicy;
import dev.baton.kb.KbCalibration;
import dev.baton.kb.KbCalibrations;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /api/kb/calibration}, for admins: how sure the bot must be to answer and to offer choices on this knowledge
 * base, what that means in plain words, and an override.
 */
public final class CalibrationController {
    private final KbCalibrations calibrations;

    public CalibrationController(KbCalibrations calibrations) {
        this.calibrations = calibrations;
    }

    public void get(Context ctx) {
        ctx.json(view());
    }

    /**
     * {@code {answerThreshold, offerThreshold, wordAnswerThreshold?, wordOfferThreshold?}} sets the thresholds;
     * {@code {automatic: true}} goes back to measured ones.
     */
    public void put(Context ctx) {
        JsonNode body = ApiError.body(ctx, JsonNode.class, "{answerThreshold, offerThreshold} or {automatic: true}");
        if (!body.isObject()) {
            throw ApiError.badRequest("Send {answerThreshold, offerThreshold} or {automatic: true}.");
        }
        if (body.has("automatic")) {
            if (!body.get("automatic").isBoolean() || !body.get("automatic").asBoolean() || body.size() > 1) {
                throw ApiError.badRequest("\"automatic\" is true, alone, to go back to measured thresholds.");
            }
            calibrations.automatic();
        } else {
            if (!body.has("answerThreshold") || !body.has("offerThreshold")) {
                throw ApiError.badRequest("Set both \"answerThreshold\" and \"offerThreshold\".");
            }
            AnswerPolicy now = calibrations.current();
            double answer = threshold(body, "answerThreshold", now.englishThreshold());
            double offer = threshold(body, "offerThreshold", Math.min(answer, now.englishOfferThreshold()));
            double wordAnswer = threshold(body, "wordAnswerThreshold", now.wordThreshold());
            double wordOffer = threshold(body, "wordOfferThreshold", Math.min(wordAnswer, now.wordOfferThreshold()));
            if (offer > answer || wordOffer > wordAnswer) {
                throw ApiError.badRequest("An offer threshold can't be above its answer threshold.");
            }
            calibrations.override(new AnswerPolicy(answer, wordAnswer, offer, wordOffer));
        }
        ctx.json(view());
    }

    private static double threshold(JsonNode body, String field, double otherwise) {
        if (!body.has(field)) {
            return otherwise;
        }
        JsonNode value = body.get(field);
        if (!value.isNumber() || value.asDouble() < 0 || value.asDouble() > 1) {
            throw ApiError.badRequest("\"" + field + "\" is a number from 0 to 1.");
        }
        return value.asDouble();
    }

    private Map<String, Object> view() {
        Map<String, Object> view = new LinkedHashMap<>();
        AnswerPolicy policy = calibrations.current();
        view.put("answerThreshold", policy.englishThreshold());
        view.put("offerThreshold", policy.englishOfferThreshold());
        view.put("wordAnswerThreshold", policy.wordThreshold());
        view.put("wordOfferThreshold", policy.wordOfferThreshold());
        KbCalibration calibration = calibrations.calibration().orElse(null);
        view.put("measuring", calibrations.measuring());
        if (calibration != null) {
            view.put("overridden", calibration.overridden());
            view.put("examplesAnswered", calibration.examplesAnswered());
            view.put("examplesAnsweredOrOffered", calibration.examplesAnsweredOrOffered());
            view.put("examplesWrongAnswered", calibration.examplesWrongAnswered());
            view.put("offTopicAnswered", calibration.offTopicAnswered());
            view.put("offTopicOffered", calibration.offTopicOffered());
            view.put("examplesAsked", calibration.examplesAsked());
            view.put("offTopicAsked", calibration.offTopicAsked());
            view.put("measuredAt", calibration.measuredAt());
            view.put("summary", String.format("About %d %% of questions like your examples are answered, %d %% more "
                    + "get a choice of articles; %d %% of off-topic questions slip through.",
                    Math.round(calibration.examplesAnswered() * 100),
                    Math.round((calibration.examplesAnsweredOrOffered() - calibration.examplesAnswered()) * 100),
                    Math.round(calibration.offTopicAnswered() * 100)));
        }
        return view;
    }
}
