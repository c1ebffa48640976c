package dev.fargatedoctor.agent;

import dev.fargatedoctor.agent.detect.Warning;
import dev.fargatedoctor.agent.json.JsonWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Structured warning lines for stdout: one when a warning starts, again every {@code repeat} while
 * it holds (so a log search over any recent period finds it), and a "resolved" line when it clears.
 */
final class WarningLog {

  private final Duration repeat;
  private final Map<String, Instant> lastLogged = new HashMap<>();

  WarningLog(Duration repeat) {
    this.repeat = repeat;
  }

  List<String> lines(Instant now, List<Warning> current) {
    List<String> lines = new ArrayList<>();
    Set<String> active = new HashSet<>();
    for (Warning w : current) {
      String id = w.detector() + "|" + w.key();
      active.add(id);
      Instant last = lastLogged.get(id);
      if (last == null || !now.isBefore(last.plus(repeat))) {
        lastLogged.put(id, now);
        JsonWriter json =
            JsonWriter.compact()
                .beginObject()
                .field("type", "fargate-doctor.warning")
                .field("time", now.toString())
                .field("level", w.severity() == Warning.Severity.CRITICAL ? "ERROR" : "WARN");
        lines.add(w.writeFields(json).endObject().toString());
      }
    }
    for (var it = lastLogged.entrySet().iterator(); it.hasNext(); ) {
      String id = it.next().getKey();
      if (!active.contains(id)) {
        it.remove();
        int bar = id.indexOf('|');
        lines.add(
            JsonWriter.compact()
                .beginObject()
                .field("type", "fargate-doctor.resolved")
                .field("time", now.toString())
                .field("level", "INFO")
                .field("detector", id.substring(0, bar))
                .field("key", id.substring(bar + 1))
                .endObject()
                .toString());
      }
    }
    return lines;
  }
}
