package dev.fargatedoctor.check.ecs;

import java.util.Map;
import java.util.Optional;

/**
 * What one message says: its cause, the values it names (a secret's ARN, a JSON key, a file
 * system), and the documented error family it belongs to, which helps most when the cause is
 * unknown.
 */
record MessageReading(
    Cause cause, MessageText text, Map<String, String> values, Optional<ErrorFamily> family) {
  MessageReading {
    values = Map.copyOf(values);
  }

  String message() {
    return text.raw();
  }
}
