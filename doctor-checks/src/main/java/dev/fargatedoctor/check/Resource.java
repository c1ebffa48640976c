package dev.fargatedoctor.check;

import dev.fargatedoctor.snapshot.ecs.Service;
import dev.fargatedoctor.snapshot.ecs.TaskDefinition;

/**
 * What a finding is about: a type ("subnet", "service", "iam-role"...), its id and, when known, its
 * ARN.
 */
public record Resource(String type, String id, String arn) {
  public static Resource of(String type, String id) {
    return new Resource(type, id, null);
  }

  /** A service as every check names it: CLUSTER/SERVICE, with its ARN. */
  public static Resource service(Service service) {
    return new Resource(
        "service", service.clusterName() + "/" + service.serviceName(), service.serviceArn());
  }

  /** A task definition as every check names it: FAMILY:REVISION, with its ARN. */
  public static Resource taskDefinition(TaskDefinition td) {
    return new Resource(
        "task-definition", td.family() + ":" + td.revision(), td.taskDefinitionArn());
  }

  /** IAM is global: a role found in every scanned Region is one resource. */
  public boolean isGlobal() {
    return type.startsWith("iam-");
  }
}
