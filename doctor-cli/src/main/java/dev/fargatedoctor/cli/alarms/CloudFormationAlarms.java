package dev.fargatedoctor.cli.alarms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fargatedoctor.snapshot.SnapshotJson;
import java.util.Map;

/** The alarm set as a CloudFormation template (JSON), with the SNS topic as a parameter. */
final class CloudFormationAlarms {
  static final String TOPIC = "AlarmTopicArn";
  private static final String US_EAST_1 = "InUsEast1";

  private CloudFormationAlarms() {}

  static String render(AlarmSet set) {
    try {
      return SnapshotJson.mapper()
              .writerWithDefaultPrettyPrinter()
              .writeValueAsString(template(set))
          + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The template as a tree, for a stack that holds the alarms among other resources. */
  static ObjectNode template(AlarmSet set) {
    ObjectNode t = SnapshotJson.mapper().createObjectNode();
    t.put("AWSTemplateFormatVersion", "2010-09-09");
    t.put(
        "Description",
        "Fargate Doctor alarms for account "
            + set.plan.accountId()
            + " in "
            + set.plan.region()
            + " (fargate-doctor alarms --format cloudformation)");
    ObjectNode topic = t.putObject("Parameters").putObject(TOPIC);
    topic.put("Type", "String");
    topic.put(
        "Description",
        "SNS topic every alarm and rule notifies. Its topic policy must let "
            + "events.amazonaws.com call sns:Publish for the EventBridge rules.");
    topic.put("AllowedPattern", "arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_.-]+");
    if (set.rules.stream().anyMatch(r -> r.usEast1Only())) {
      ArrayNode equals = t.putObject("Conditions").putObject(US_EAST_1).putArray("Fn::Equals");
      equals.addObject().put("Ref", "AWS::Region");
      equals.add("us-east-1");
    }
    ObjectNode resources = t.putObject("Resources");
    LogicalIds ids = new LogicalIds();
    for (AlarmSet.Alarm a : set.alarms)
      resources.set(ids.cloudFormation(a.subject(), cap(a.kind())), alarm(a));
    for (AlarmSet.Rule r : set.rules)
      resources.set(ids.cloudFormation(r.subject(), cap(r.kind())), rule(r));
    return t;
  }

  private static ObjectNode alarm(AlarmSet.Alarm a) {
    ObjectNode r = SnapshotJson.mapper().createObjectNode();
    r.put("Type", "AWS::CloudWatch::Alarm");
    ObjectNode p = r.putObject("Properties");
    p.put("AlarmName", a.alarmName());
    p.put("AlarmDescription", a.description());
    p.put("ComparisonOperator", a.comparison());
    p.put("Threshold", a.threshold());
    p.put("EvaluationPeriods", a.evaluationPeriods());
    p.put("DatapointsToAlarm", a.datapointsToAlarm());
    p.put("TreatMissingData", a.treatMissingData());
    p.putArray("AlarmActions").addObject().put("Ref", TOPIC);
    p.putArray("OKActions").addObject().put("Ref", TOPIC);
    ArrayNode metrics = p.putArray("Metrics");
    for (AlarmSet.Query q : a.queries()) {
      ObjectNode m = metrics.addObject();
      m.put("Id", q.id());
      if (q.expression() != null) {
        m.put("Expression", q.expression());
        m.put("Label", q.label());
        m.put("ReturnData", true);
        continue;
      }
      ObjectNode stat = m.putObject("MetricStat");
      ObjectNode metric = stat.putObject("Metric");
      metric.put("Namespace", q.namespace());
      metric.put("MetricName", q.metric());
      ArrayNode dims = metric.putArray("Dimensions");
      for (Map.Entry<String, String> d : q.dimensions().entrySet()) {
        dims.addObject().put("Name", d.getKey()).put("Value", d.getValue());
      }
      stat.put("Period", q.period());
      stat.put("Stat", q.stat());
      m.put("ReturnData", false);
    }
    return r;
  }

  private static ObjectNode rule(AlarmSet.Rule rule) {
    ObjectNode r = SnapshotJson.mapper().createObjectNode();
    r.put("Type", "AWS::Events::Rule");
    if (rule.usEast1Only()) r.put("Condition", US_EAST_1);
    ObjectNode p = r.putObject("Properties");
    p.put("Name", rule.ruleName());
    p.put("Description", rule.description());
    p.put("State", "ENABLED");
    p.set("EventPattern", rule.pattern());
    ObjectNode target = p.putArray("Targets").addObject();
    target.putObject("Arn").put("Ref", TOPIC);
    target.put("Id", "alarm-topic");
    return r;
  }

  private static String cap(String kind) {
    StringBuilder sb = new StringBuilder();
    for (String part : kind.split("-"))
      sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    return sb.toString();
  }
}
