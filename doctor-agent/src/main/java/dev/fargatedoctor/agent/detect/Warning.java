package dev.fargatedoctor.agent.detect;

import dev.fargatedoctor.agent.json.JsonWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A detector's finding: what it saw (evidence) and what to change (fix).
 *
 * @param detector the detector id, e.g. {@code close-wait-pileup}
 * @param key identifies this finding across samples (same detector and key = same problem)
 * @param message one sentence with the evidence numbers
 * @param evidence the numbers behind the message, for machines
 * @param fix what to change in the application or task
 */
public record Warning(
    String detector,
    String key,
    Severity severity,
    String message,
    Map<String, Object> evidence,
    String fix) {

  public enum Severity {
    WARNING,
    CRITICAL
  }

  public Warning {
    evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
  }

  /** Writes the members of this warning into an open JSON object. */
  public JsonWriter writeFields(JsonWriter json) {
    json.field("detector", detector)
        .field("key", key)
        .field("severity", severity.name())
        .field("message", message);
    json.name("evidence").any(evidence);
    return json.field("fix", fix);
  }
}
