package dev.fargatedoctor.snapshot;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;

/** The one Jackson configuration for snapshots, aws-CLI dumps and reports. */
public final class SnapshotJson {
  private static final ObjectMapper MAPPER = create();

  private SnapshotJson() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  private static ObjectMapper create() {
    SimpleModule instants = new SimpleModule("flexible-instants");
    instants.addDeserializer(Instant.class, new FlexibleInstantDeserializer());
    return JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .addModule(instants)
        // Newer tool versions and newer AWS APIs add fields; an older reader must still load them.
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
        // Records hold data; their isX() helpers (Route.isBlackhole,
        // NetworkInterface.isRequesterManaged...)
        // are derived and must not be written: they would add fields AWS does not have, and where
        // they
        // share a component's name they would write a default over an unknown (null) value.
        .disable(MapperFeature.AUTO_DETECT_IS_GETTERS)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .enable(SerializationFeature.INDENT_OUTPUT)
        .serializationInclusion(JsonInclude.Include.NON_EMPTY)
        // ...but an empty string is a value AWS gave (an ENI's Description, a tag's Value): keep
        // it, so
        // a saved snapshot reads back as "" and not as null.
        .withConfigOverride(
            String.class,
            o -> o.setInclude(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, null)))
        .build();
  }
}
