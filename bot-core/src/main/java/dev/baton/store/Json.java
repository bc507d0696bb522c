package dev.baton.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The one JSON configuration Baton uses, in Redis and on the wire: absent fields are omitted, unknown ones ignored. */
public final class Json {
    private Json() {}

    public static ObjectMapper newMapper() {
        return JsonMapper.builder()
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                // Nodes of different versions share one Redis during a rolling upgrade.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // Times travel as ISO-8601 with their zone ("2026-11-23T08:00-05:00[America/New_York]"), so a
                // team's "back Monday at 08:00" keeps the team's clock rather than turning into UTC.
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(SerializationFeature.WRITE_DATES_WITH_ZONE_ID)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .build();
    }
}
