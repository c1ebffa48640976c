package dev.fargatedoctor.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates what a command prints against the JSON Schemas published in {@code docs/schemas/}, so
 * the documents users script against and the code that writes them cannot drift apart. Schemas
 * refer to each other by their {@code $id} under {@link #BASE}, which maps to that directory.
 */
public final class JsonSchemas {
  public static final String BASE = "https://fargate-doctor.dev/schemas/";
  private static final Map<String, JsonSchema> LOADED = new ConcurrentHashMap<>();
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonSchemas() {}

  /** The directory of the published schemas, found from any module of the build. */
  public static Path directory() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolve("docs/schemas");
      if (Files.isDirectory(candidate)) return candidate;
      dir = dir.getParent();
    }
    throw new IllegalStateException("docs/schemas not found above " + Path.of("").toAbsolutePath());
  }

  /** The problems of a document against {@code docs/schemas/NAME}; empty when it is valid. */
  public static List<String> problems(String schemaFile, JsonNode document) {
    Set<ValidationMessage> messages = schema(schemaFile).validate(document);
    return messages.stream().map(ValidationMessage::toString).sorted().toList();
  }

  /** As {@link #problems(String, JsonNode)}, for a document as printed. */
  public static List<String> problems(String schemaFile, String json) {
    try {
      return problems(schemaFile, MAPPER.readTree(json));
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + e.getMessage(), e);
    }
  }

  private static JsonSchema schema(String file) {
    return LOADED.computeIfAbsent(
        file,
        f -> {
          String root = directory().toUri().toString();
          JsonSchemaFactory factory =
              JsonSchemaFactory.getInstance(
                  SpecVersion.VersionFlag.V202012,
                  b -> b.schemaMappers(m -> m.mapPrefix(BASE, root)));
          SchemaValidatorsConfig config =
              SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
          return factory.getSchema(com.networknt.schema.SchemaLocation.of(BASE + f), config);
        });
  }
}
