package dev.fargatedoctor.check.ecs;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders the message catalogue as {@code docs/messages.md}: what each cause means and how to fix
 * it, the messages that mean it as AWS documents them and as people got them, each with its source.
 * Messages are data from AWS and from the public; they go into fenced blocks, never into Markdown
 * that would interpret them.
 */
public final class MessagesMarkdown {
  private MessagesMarkdown() {}

  public static String render() {
    return render(MessageCatalogue.get());
  }

  static String render(MessageCatalogue catalogue) {
    StringBuilder out = new StringBuilder();
    out.append("# The ECS messages Fargate Doctor reads\n\n")
        .append(
            "<!-- Generated from doctor-checks/src/main/resources/messages.yaml (catalogue version ")
        .append(catalogue.version())
        .append(") by `fargate-doctor checks --messages`; a test keeps it current. -->\n\n")
        .append(
            "When a task will not start or a deployment hangs, ECS says why in a stopped task's "
                + "`stopCode`, `stoppedReason` and `containers[].reason`, and in the service's events. "
                + "`TASK-STOP-REASONS`, `SERVICE-EVENT-ERRORS`, `DEPLOY-STUCK`, `DEPLOY-FAILED` and "
                + "`OOM-KILLS` read those messages with this catalogue. Each cause below lists the "
                + "messages that mean it as AWS documents them and as people really got them "
                + "(with the public source where the cause was confirmed).\n\n")
        .append("**Measured:** ")
        .append(CatalogueMeasure.of(catalogue).sentence())
        .append(
            " (the catalogue test fails below all documented messages or 95 % of the real-world "
                + "examples).\n\n")
        .append("## How a message is read\n\n")
        .append(
            "- The first cause whose patterns match wins; specific forms come before the general "
                + "form of their family, so a `CannotPullContainerError` that names a rate limit is a "
                + "rate limit, not \"the image cannot be pulled\".\n")
        .append(
            "- A stopped task's container reasons and its own reason are all read; the most "
                + "specific cause wins (an out-of-memory kill shows only on the container). Exit code "
                + "137 without a reason is `killed`, never out of memory. The stop code decides only "
                + "when no message is known.\n")
        .append(
            "- A service event that quotes a task's error (\"failed to launch a task with (error "
                + "...)\", \"was unable to place a task. Reason: ...\") is read by that error.\n")
        .append(
            "- Messages are matched as people paste them: JSON escapes and typographic quotes are "
                + "undone, and a message wrapped by a terminal is read both with its line breaks as "
                + "spaces and with them removed (a word split as \"reg / istry\").\n")
        .append("- ECS cuts messages short: the agent keeps ")
        .append(MessageText.AGENT_REASON_LIMIT)
        .append(
            " bytes of a container's reason, and the console and tools add \"...\". A cut message "
                + "is flagged in the evidence; patterns match the stable start of a phrase, and each "
                + "family has a general cause for messages cut before their reason.\n")
        .append(
            "- A message no cause knows is still shown raw, with its stop code, container reason and "
                + "exit code, the documentation of its error family and what to read next.\n")
        .append(
            "- Fixes are filled from the resource's real ids; a command whose ids are not known is "
                + "left out rather than printed with a placeholder.\n\n");

    out.append("## Error families\n\n| Family | Documentation | Read next |\n|---|---|---|\n");
    for (ErrorFamily f : catalogue.families()) {
      out.append("| `")
          .append(f.prefix())
          .append("` | ")
          .append(f.docs())
          .append(" | ")
          .append(cell(f.read()))
          .append(" |\n");
    }
    out.append("\n## Causes\n\n| Cause | Severity | Blame | Read in |\n|---|---|---|---|\n");
    for (MessageEntry e : catalogue.entries()) {
      out.append("| [`")
          .append(e.id())
          .append("`](#")
          .append(e.id())
          .append(") | ")
          .append(e.cause().severity())
          .append(" | ")
          .append(blame(e.cause().kind()))
          .append(" | ")
          .append(where(e))
          .append(" |\n");
    }
    for (MessageEntry e : catalogue.entries()) entry(out, e);
    out.append("\n## Found, but left out of the measure\n\n");
    for (MessageCatalogue.Unclassified u : catalogue.unclassified()) {
      fenced(out, u.message());
      out.append(u.source()).append(" — ").append(u.why()).append(".\n\n");
    }
    return out.toString();
  }

  private static void entry(StringBuilder out, MessageEntry e) {
    Cause c = e.cause();
    out.append("\n### ")
        .append(e.id())
        .append("\n\n")
        .append(capitalised(c.description()))
        .append(".\n\n");
    out.append("- **Severity:** ")
        .append(c.severity())
        .append("; **blame:** ")
        .append(blame(c.kind()))
        .append("; **read in:** ")
        .append(where(e))
        .append('\n');
    if (!e.stopCodes().isEmpty()) {
      out.append("- **Stop codes:** ")
          .append(
              e.stopCodes().stream()
                  .sorted()
                  .map(s -> "`" + s + "`")
                  .collect(Collectors.joining(", ")))
          .append('\n');
    }
    if (!c.fix().isBlank()) {
      out.append("- **Fix:** ").append(FixTemplate.text(c.fix(), Map.of())).append('\n');
    }
    out.append("- **Documentation:** ").append(c.docs()).append("\n\n");
    if (!e.patterns().isEmpty()) {
      out.append("Patterns (case-insensitive):\n\n");
      fenced(out, e.patterns().stream().map(p -> p.pattern()).collect(Collectors.joining("\n")));
    }
    samples(out, "As AWS documents it", e.documented(), false);
    samples(out, "As people got it", e.examples(), true);
    samples(out, "Further forms it reads", e.forms(), false);
  }

  private static void samples(
      StringBuilder out, String heading, List<MessageSample> samples, boolean real) {
    if (samples.isEmpty()) return;
    out.append(heading).append(":\n\n");
    for (MessageSample s : samples) {
      fenced(out, s.message());
      StringBuilder line = new StringBuilder(s.source());
      if (s.field() != null) line.append(" (").append(s.field()).append(')');
      if (real && s.cause() != null) line.append(" — ").append(s.cause());
      if (s.miss() != null) line.append(". **Not recognised:** ").append(s.miss());
      out.append(line).append(".\n\n");
    }
  }

  // A fence longer than any run of backticks inside, so no message can close it.
  private static void fenced(StringBuilder out, String text) {
    int longest = 0;
    int run = 0;
    for (char ch : text.toCharArray()) {
      run = ch == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    String fence = "`".repeat(Math.max(3, longest + 1));
    out.append(fence)
        .append("text\n")
        .append(text.stripTrailing())
        .append('\n')
        .append(fence)
        .append("\n\n");
  }

  private static String where(MessageEntry e) {
    if (e.onTasks() && e.onEvents()) return "stopped tasks, service events";
    return e.onTasks() ? "stopped tasks" : "service events";
  }

  private static String blame(Cause.Kind kind) {
    return switch (kind) {
      case REVISION -> "the new revision";
      case ENVIRONMENT -> "the environment";
      case NORMAL -> "routine";
      case UNKNOWN -> "not said";
    };
  }

  private static String cell(String s) {
    return s.replace("|", "\\|");
  }

  private static String capitalised(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
