package dev.fargatedoctor.check.ecs;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One entry of the catalogue: a cause, the message forms that mean it, and the messages it was
 * checked against.
 *
 * @param onTasks matched against stopped reasons, container reasons and errors quoted in events
 * @param onEvents matched against a service event as a whole
 * @param stopCodes stop codes that mean this cause when no message says more
 * @param foreign matches only when the ARN it captures lies outside the task's account or Region
 * @param general a summary ("deployment failed") that yields to a more specific error quoted in the
 *     same event
 * @param forms further message forms it must read (seen in public fixtures, or built from what AWS
 *     documents in prose); test cases, not counted in the measure
 */
record MessageEntry(
    Cause cause,
    boolean onTasks,
    boolean onEvents,
    List<Pattern> patterns,
    Set<String> stopCodes,
    boolean foreign,
    boolean general,
    List<MessageSample> documented,
    List<MessageSample> examples,
    List<MessageSample> forms) {
  MessageEntry {
    patterns = List.copyOf(patterns);
    stopCodes = Set.copyOf(stopCodes);
    documented = List.copyOf(documented);
    examples = List.copyOf(examples);
    forms = List.copyOf(forms);
  }

  String id() {
    return cause.id();
  }
}
