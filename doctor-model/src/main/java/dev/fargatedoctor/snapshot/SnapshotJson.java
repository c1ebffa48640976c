package dev.fargatedoctor.snapshot;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;

/** The one Jackson configuration for snapshots, aws-CLI dumps and reports. */
public final class SnapshotJson {
  /**
   * What a snapshot, a dump or a state file may hold, with room over what AWS returns: IAM policies
   * and CloudTrail events nest less than 20 deep, no AWS string comes near a million characters (a
   * CloudTrail event is at most 256 KB), and no number AWS returns needs 64 digits. Past these a
   * file is refused, before deep recursion or a huge number parse could cost anything.
   */
  public static final StreamReadConstraints READ_LIMITS =
      StreamReadConstraints.builder()
          .maxNestingDepth(100)
          .maxStringLength(1_000_000)
          .maxNumberLength(64)
          .maxNameLength(10_000)
          .build();

  private static final ObjectMapper MAPPER = create();
  private static final ObjectWriter LINE =
      MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);

  private SnapshotJson() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * One line of JSON (watch's change and log lines), escaped like everything this mapper writes.
   */
  public static String line(JsonNode node) {
    try {
      return LINE.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  private static ObjectMapper create() {
    SimpleModule instants = new SimpleModule("flexible-instants");
    instants.addDeserializer(Instant.class, new FlexibleInstantDeserializer());
    JsonFactory factory =
        new JsonFactoryBuilder()
            .characterEscapes(new UnsafeEscapes())
            .streamReadConstraints(READ_LIMITS)
            .build();
    return JsonMapper.builder(factory)
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

  /**
   * JSON escapes every character {@link SafeText} calls unsafe, not only the controls JSON
   * requires: the document means the same to a parser, and printed on a terminal it stays inert (a
   * C1 control or a bidi override would otherwise pass through raw).
   */
  private static final class UnsafeEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] ascii = standardAsciiEscapesForJSON();

    UnsafeEscapes() {
      ascii[0x7f] = ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      // A surrogate on its own is all Jackson shows here: escape both halves of every pair too.
      if (!SafeText.isUnsafe(ch) && !Character.isSurrogate((char) ch)) return null;
      return new SerializedString(String.format(java.util.Locale.ROOT, "\\u%04x", ch));
    }
  }
}
