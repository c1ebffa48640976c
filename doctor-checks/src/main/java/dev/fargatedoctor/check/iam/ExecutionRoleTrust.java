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
 * The task execution role must trust ecs-tasks.amazonaws.com: ECS assumes it to pull the image,
 * fetch secrets and ship logs before any container starts. The write-up's deployment hung at 50 %
 * for hours because another team replaced that trust with ec2.amazonaws.com.
 */
@AutoService(Check.class)
@CheckInfo(
    id = "EXEC-ROLE-TRUST",
    title = "Execution role does not trust ecs-tasks.amazonaws.com",
    law = Law.WONT_START,
    severity = Severity.CRITICAL,
    needs = {Input.TASK_DEFINITIONS, Input.IAM_ROLES})
public final class ExecutionRoleTrust implements Check {
  private final RoleTrustReview review =
      new RoleTrustReview(
          "execution role",
          TaskDefinition::executionRoleArn,
          "Until it does, ECS cannot assume the role and new tasks fail before they start "
              + "(\"ECS was unable to assume the role\" in the service events).");

  @Override
  public List<Finding> run(CheckContext context) {
    return review.run(context);
  }
}
