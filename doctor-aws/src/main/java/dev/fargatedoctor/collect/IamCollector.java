package dev.fargatedoctor.collect;

import dev.fargatedoctor.snapshot.Arns;
import dev.fargatedoctor.snapshot.Coverage;
import dev.fargatedoctor.snapshot.iam.IamData;
import dev.fargatedoctor.snapshot.iam.PolicyDocuments;
import dev.fargatedoctor.snapshot.iam.Role;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/**
 * Collects the IAM roles task definitions reference: the trust policy (IAM sends it URL-encoded),
 * attached managed policies with their default version's document, and inline policies. A role that
 * IAM does not know is recorded as missing: a task definition pointing at it cannot start.
 */
final class IamCollector {
  private final CoverageLog log;
  private final Executor pool;
  // Managed policies are shared by many roles (AmazonECSTaskExecutionRolePolicy): fetch each once.
  private final Map<String, CompletableFuture<Optional<Role.AttachedPolicy>>> managed = new ConcurrentHashMap<>();

  IamCollector(CoverageLog log, Executor pool) {
    this.log = log;
    this.pool = pool;
  }

  CompletableFuture<IamData> collect(IamClient iam, Collection<String> roleRefs) {
    List<String> missing = new CopyOnWriteArrayList<>();
    List<CompletableFuture<Optional<Role>>> roles = new ArrayList<>();
    for (String ref : roleRefs) {
      roles.add(CompletableFuture.supplyAsync(() -> role(iam, ref, missing), pool).thenCompose(r -> r
          .map(role -> policies(iam, role).thenApply(Optional::of))
          .orElse(CompletableFuture.completedFuture(Optional.empty()))));
    }
    log.markOk(Coverage.GLOBAL, "iam:GetRole");
    return CompletableFuture.allOf(roles.toArray(CompletableFuture[]::new)).thenApply(done -> new IamData(
        roles.stream().map(CompletableFuture::join).flatMap(Optional::stream).toList(), List.copyOf(missing)));
  }

  private Optional<Role> role(IamClient iam, String ref, List<String> missing) {
    String name = Arns.lastSegment(ref);
    return log.step(Coverage.GLOBAL, "iam:GetRole", name, () -> {
      try {
        var r = iam.getRole(b -> b.roleName(name)).role();
        return new Role(r.roleName(), r.arn(), r.roleId(), r.path(),
            PolicyDocuments.decode(r.assumeRolePolicyDocument()),
            r.permissionsBoundary() == null ? null : r.permissionsBoundary().permissionsBoundaryArn(),
            List.of(), List.of());
      } catch (NoSuchEntityException e) {
        missing.add(ref); // a finding, not a collection failure: ECS cannot assume a role that is gone
        return null;
      }
    });
  }

  private CompletableFuture<Role> policies(IamClient iam, Role role) {
    String name = role.roleName();
    CompletableFuture<List<Role.AttachedPolicy>> attached = CompletableFuture.supplyAsync(() ->
        log.step(Coverage.GLOBAL, "iam:ListAttachedRolePolicies", name, () ->
            iam.listAttachedRolePoliciesPaginator(b -> b.roleName(name)).attachedPolicies().stream().toList())
            .orElse(List.of()), pool).thenCompose(list -> {
              List<CompletableFuture<Optional<Role.AttachedPolicy>>> docs = list.stream()
                  .map(p -> managed.computeIfAbsent(p.policyArn(), arn -> managedPolicy(iam, p.policyName(), arn)))
                  .toList();
              return CompletableFuture.allOf(docs.toArray(CompletableFuture[]::new)).thenApply(d -> docs.stream()
                  .map(CompletableFuture::join).flatMap(Optional::stream).toList());
            });
    CompletableFuture<List<Role.InlinePolicy>> inline = CompletableFuture.supplyAsync(() ->
        log.step(Coverage.GLOBAL, "iam:ListRolePolicies", name, () ->
            iam.listRolePoliciesPaginator(b -> b.roleName(name)).policyNames().stream().toList())
            .orElse(List.of()), pool).thenCompose(names -> {
              List<CompletableFuture<Optional<Role.InlinePolicy>>> docs = names.stream()
                  .map(policy -> CompletableFuture.supplyAsync(() -> log.step(Coverage.GLOBAL, "iam:GetRolePolicy",
                      name + "/" + policy, () -> new Role.InlinePolicy(policy, PolicyDocuments.decode(
                          iam.getRolePolicy(b -> b.roleName(name).policyName(policy)).policyDocument()))), pool))
                  .toList();
              return CompletableFuture.allOf(docs.toArray(CompletableFuture[]::new)).thenApply(d -> docs.stream()
                  .map(CompletableFuture::join).flatMap(Optional::stream).toList());
            });
    return attached.thenCombine(inline, (a, i) -> new Role(role.roleName(), role.arn(), role.roleId(), role.path(),
        role.assumeRolePolicyDocument(), role.permissionsBoundaryArn(), a, i));
  }

  private CompletableFuture<Optional<Role.AttachedPolicy>> managedPolicy(IamClient iam, String name, String arn) {
    return CompletableFuture.supplyAsync(() -> {
      Optional<String> version = log.step(Coverage.GLOBAL, "iam:GetPolicy", arn,
          () -> iam.getPolicy(b -> b.policyArn(arn)).policy().defaultVersionId());
      if (version.isEmpty()) return Optional.of(new Role.AttachedPolicy(name, arn, null, null));
      return log.step(Coverage.GLOBAL, "iam:GetPolicyVersion", arn, () -> new Role.AttachedPolicy(name, arn,
          version.get(), PolicyDocuments.decode(iam.getPolicyVersion(b -> b.policyArn(arn).versionId(version.get()))
              .policyVersion().document())))
          .or(() -> Optional.of(new Role.AttachedPolicy(name, arn, version.get(), null)));
    }, pool);
  }
}
