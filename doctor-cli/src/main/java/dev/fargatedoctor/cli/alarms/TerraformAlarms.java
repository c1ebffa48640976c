package dev.fargatedoctor.cli.alarms;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.fargatedoctor.snapshot.SnapshotJson;
import java.util.Locale;
import java.util.Map;

/**
 * The alarm set as Terraform (AWS provider): a variable for the SNS topic, a metric-math alarm per
 * alarm, an event rule and target per rule. Strings are escaped for HCL (quotes, backslashes, and
 * the {@code ${} / {@code %{} template sequences).
 */
public final class TerraformAlarms {
  private TerraformAlarms() {}

  static String render(AlarmSet set) {
    StringBuilder tf = new StringBuilder();
    tf.append("# Fargate Doctor alarms for account ")
        .append(set.plan.accountId())
        .append(" in ")
        .append(set.plan.region())
        .append(" (fargate-doctor alarms --format terraform; AWS provider 6 or later)\n\n");
    tf.append("variable \"alarm_topic_arn\" {\n")
        .append("  type        = string\n")
        .append("  description = ")
        .append(
            str(
                "SNS topic every alarm and rule notifies. Its topic policy must let "
                    + "events.amazonaws.com call sns:Publish for the event rules."))
        .append("\n")
        .append("}\n");
    boolean usEast1 = set.rules.stream().anyMatch(AlarmSet.Rule::usEast1Only);
    if (usEast1) tf.append("\ndata \"aws_region\" \"current\" {}\n");
    LogicalIds ids = new LogicalIds();
    for (AlarmSet.Alarm a : set.alarms) alarm(tf, ids.terraform(a.subject(), a.kind()), a);
    for (AlarmSet.Rule r : set.rules) rule(tf, ids.terraform(r.subject(), r.kind()), r);
    return align(tf.toString());
  }

  private static final java.util.regex.Pattern ATTRIBUTE =
      java.util.regex.Pattern.compile("^( *)([A-Za-z_][A-Za-z0-9_]*) += (.*)$");

  /**
   * Aligns the equals signs of consecutive one-line attributes at the same depth, as {@code
   * terraform fmt} does, so the output is already formatted. An attribute whose value opens an
   * object ends a run; heredoc bodies are left alone.
   */
  public static String align(String text) {
    String[] lines = text.split("\n", -1);
    StringBuilder out = new StringBuilder();
    java.util.List<String[]> run = new java.util.ArrayList<>();
    boolean inHeredoc = false;
    for (String line : lines) {
      if (inHeredoc) {
        if (line.trim().equals("EOT")) inHeredoc = false;
        flush(out, run);
        out.append(line).append('\n');
        continue;
      }
      java.util.regex.Matcher m = ATTRIBUTE.matcher(line);
      boolean single = m.matches() && !m.group(3).endsWith("{");
      if (single && (run.isEmpty() || run.get(0)[0].equals(m.group(1)))) {
        run.add(new String[] {m.group(1), m.group(2), m.group(3)});
      } else {
        flush(out, run);
        if (single) run.add(new String[] {m.group(1), m.group(2), m.group(3)});
        else out.append(line).append('\n');
      }
      if (single && m.group(3).startsWith("<<-")) {
        flush(out, run);
        inHeredoc = true;
      }
    }
    flush(out, run);
    return out.substring(0, out.length() - 1);
  }

  private static void flush(StringBuilder out, java.util.List<String[]> run) {
    int width = run.stream().mapToInt(a -> a[1].length()).max().orElse(0);
    for (String[] a : run) {
      out.append(a[0])
          .append(a[1])
          .append(" ".repeat(width - a[1].length()))
          .append(" = ")
          .append(a[2])
          .append('\n');
    }
    run.clear();
  }

  private static void alarm(StringBuilder tf, String label, AlarmSet.Alarm a) {
    tf.append("\nresource \"aws_cloudwatch_metric_alarm\" \"").append(label).append("\" {\n");
    attr(tf, "  ", "alarm_name", str(a.alarmName()));
    attr(tf, "  ", "alarm_description", str(a.description()));
    attr(tf, "  ", "comparison_operator", str(a.comparison()));
    attr(tf, "  ", "threshold", number(a.threshold()));
    attr(tf, "  ", "evaluation_periods", Integer.toString(a.evaluationPeriods()));
    attr(tf, "  ", "datapoints_to_alarm", Integer.toString(a.datapointsToAlarm()));
    attr(tf, "  ", "treat_missing_data", str(a.treatMissingData()));
    attr(tf, "  ", "alarm_actions", "[var.alarm_topic_arn]");
    attr(tf, "  ", "ok_actions", "[var.alarm_topic_arn]");
    for (AlarmSet.Query q : a.queries()) {
      tf.append("\n  metric_query {\n");
      attr(tf, "    ", "id", str(q.id()));
      if (q.expression() != null) {
        attr(tf, "    ", "expression", str(q.expression()));
        attr(tf, "    ", "label", str(q.label()));
        attr(tf, "    ", "return_data", "true");
      } else {
        tf.append("\n    metric {\n");
        attr(tf, "      ", "namespace", str(q.namespace()));
        attr(tf, "      ", "metric_name", str(q.metric()));
        attr(tf, "      ", "period", Integer.toString(q.period()));
        attr(tf, "      ", "stat", str(q.stat()));
        StringBuilder dims = new StringBuilder("{\n");
        for (Map.Entry<String, String> d : q.dimensions().entrySet()) {
          dims.append("        ")
              .append(d.getKey())
              .append(" = ")
              .append(str(d.getValue()))
              .append("\n");
        }
        attr(tf, "      ", "dimensions", dims.append("      }").toString());
        tf.append("    }\n");
      }
      tf.append("  }\n");
    }
    tf.append("}\n");
  }

  private static void rule(StringBuilder tf, String label, AlarmSet.Rule r) {
    String count =
        r.usEast1Only() ? "data.aws_region.current.region == \"us-east-1\" ? 1 : 0" : null;
    tf.append("\nresource \"aws_cloudwatch_event_rule\" \"").append(label).append("\" {\n");
    if (count != null) {
      tf.append("  # IAM reports its API calls to EventBridge in us-east-1 only\n");
      attr(tf, "  ", "count", count);
    }
    attr(tf, "  ", "name", str(r.ruleName()));
    attr(tf, "  ", "description", str(r.description()));
    attr(tf, "  ", "event_pattern", heredoc(pretty(r.pattern())));
    tf.append("}\n");
    tf.append("\nresource \"aws_cloudwatch_event_target\" \"").append(label).append("\" {\n");
    if (count != null) attr(tf, "  ", "count", count);
    attr(
        tf,
        "  ",
        "rule",
        "aws_cloudwatch_event_rule." + label + (count != null ? "[0]" : "") + ".name");
    attr(tf, "  ", "target_id", str("alarm-topic"));
    attr(tf, "  ", "arn", "var.alarm_topic_arn");
    tf.append("}\n");
  }

  private static void attr(StringBuilder tf, String indent, String name, String value) {
    tf.append(indent).append(name).append(" = ").append(value).append('\n');
  }

  /** A quoted HCL string. */
  public static String str(String s) {
    return "\""
        + s.replace("\\", "\\\\")
            .replace("\"", "\\\"")
            .replace("\n", "\\n")
            .replace("${", "$${")
            .replace("%{", "%%{")
        + "\"";
  }

  private static String heredoc(String text) {
    return "<<-EOT\n" + text.replace("${", "$${").replace("%{", "%%{").indent(4) + "  EOT";
  }

  private static String pretty(com.fasterxml.jackson.databind.JsonNode node) {
    try {
      return SnapshotJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String number(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
  }
}
