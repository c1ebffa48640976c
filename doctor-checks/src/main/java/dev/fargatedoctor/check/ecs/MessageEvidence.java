package dev.fargatedoctor.check.ecs;

import dev.fargatedoctor.check.Fact;
import dev.fargatedoctor.check.FindingBuilder;
import dev.fargatedoctor.snapshot.ecs.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The evidence every finding built on an ECS message carries: the message itself (raw, as data),
 * where it came from, the documentation of its family and, when the catalogue does not know it,
 * what to read next. A finding never names a cause without the message behind it.
 */
final class MessageEvidence {
  static final String MESSAGE = "message";
  private static final String GENERIC_READ =
      "the stopped task's stopCode, stoppedReason and each container's reason and exit code, "
          + "then the container logs";

  private MessageEvidence() {}

  static void add(FindingBuilder f, Cause cause, Optional<MessageReading> reading) {
    reading.ifPresent(
        r -> {
          f.evidence(MESSAGE, r.message());
          if (r.text().truncated()) {
            f.evidence(
                "message cut off",
                "messageTruncated",
                Fact.of(
                    "ECS shortened it (the agent keeps "
                        + MessageText.AGENT_REASON_LIMIT
                        + " bytes of a container's reason)",
                    true));
          }
        });
    Optional<ErrorFamily> family = reading.flatMap(MessageReading::family);
    // A cause that names only the family ("the image cannot be pulled") leaves the reader where an
    // unknown message does: they get the family's page and what to read next too.
    if (cause.isUnrecognized() || cause.kind() == Cause.Kind.UNKNOWN) {
      f.evidence("error family", family.map(ErrorFamily::prefix).orElse("not a documented family"));
      f.evidence("documentation", family.map(ErrorFamily::docs).orElse(cause.docs()));
      f.evidence("read next", family.map(ErrorFamily::read).orElse(GENERIC_READ));
    } else {
      f.evidence("documentation", cause.docs());
    }
  }

  /**
   * How the task ended, beside its message: stop code, and the container's reason and exit code.
   */
  static void addTask(FindingBuilder f, Task task, String container) {
    f.evidence("stop code", task.stopCode());
    task.containers().stream()
        .filter(c -> container != null && container.equals(c.name()))
        .findFirst()
        .ifPresent(
            c -> {
              f.evidence("container", c.name());
              f.evidence("exit code", c.exitCode());
            });
  }

  /** The cause's fix text, filled from real ids. */
  static String fixText(Cause cause, Map<String, String> values) {
    return FixTemplate.text(cause.fix(), values);
  }

  /** The cause's commands that could be filled, then the extra ones the check adds. */
  static String[] commands(Cause cause, Map<String, String> values, String... more) {
    List<String> out = new ArrayList<>(FixTemplate.commands(cause.commands(), values));
    for (String m : more) if (!out.contains(m)) out.add(m);
    return out.toArray(String[]::new);
  }

  /** "a failure message this catalogue does not know (CannotStartContainerError)". */
  static String describe(Cause cause, Optional<MessageReading> reading) {
    if (!cause.isUnrecognized()) return cause.description();
    return cause.description()
        + reading.flatMap(MessageReading::family).map(f -> " (" + f.prefix() + ")").orElse("");
  }
}
