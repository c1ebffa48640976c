package dev.fargatedoctor.snapshot.iam;

import dev.fargatedoctor.snapshot.Arns;
import dev.fargatedoctor.snapshot.Lists;
import java.util.List;
import java.util.Optional;

/**
 * IAM is global: the roles that task definitions of any scanned region reference, and the
 * references IAM answered with NoSuchEntity (a task definition pointing at a deleted role cannot
 * start).
 */
public record IamData(List<Role> roles, List<String> missingRoles) {
  public static final IamData EMPTY = new IamData(List.of(), List.of());

  public IamData {
    roles = Lists.of(roles);
    missingRoles = Lists.of(missingRoles);
  }

  /** Finds a role by ARN or by name (ECS accepts both for task roles). */
  public Optional<Role> role(String arnOrName) {
    if (arnOrName == null) return Optional.empty();
    String name = Arns.lastSegment(arnOrName);
    return roles.stream()
        .filter(r -> arnOrName.equals(r.arn()) || name.equals(r.roleName()))
        .findFirst();
  }

  public boolean isMissing(String arnOrName) {
    if (arnOrName == null) return false;
    String name = Arns.lastSegment(arnOrName);
    return missingRoles.stream()
        .anyMatch(m -> m.equals(arnOrName) || Arns.lastSegment(m).equals(name));
  }
}
