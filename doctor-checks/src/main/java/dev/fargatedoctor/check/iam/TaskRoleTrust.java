package dev.fargatedoctor.check.iam;

import com.google.auto.service.AutoService;
import dev.fargatedoctor.check.Check;
import dev.fargatedoctor.check.CheckContext;
import dev.fargatedoctor.check.CheckInfo;
import dev.fargatedoctor.check.Finding;
import dev.fargatedoctor.check.Input;
import dev.fargatedoctor.check.Law;
import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.snapshot.ecs.TaskDefinition;
import java.util.List;

/**
 * The task role (the application's own AWS identity) must trust ecs-tasks.amazonaws.com too; if it
 * does not, tasks fail to launch with a configuration error instead of running without credentials.
 */
@AutoService(Check.class)
@CheckInfo(
    id = "TASK-ROLE-TRUST",
    title = "Task role does not trust ecs-tasks.amazonaws.com",
    law = Law.WONT_START,
    severity = Severity.HIGH,
    needs = {Input.TASK_DEFINITIONS, Input.IAM_ROLES})
public final class TaskRoleTrust implements Check {
  private final RoleTrustReview review =
      new RoleTrustReview(
          "task role",
          TaskDefinition::taskRoleArn,
          "Until it does, ECS cannot hand the task its credentials and new tasks fail to launch "
              + "(SERVICE_TASK_CONFIGURATION_FAILURE: unable to assume the task IAM role).");

  @Override
  public List<Finding> run(CheckContext context) {
    return review.run(context);
  }
}
