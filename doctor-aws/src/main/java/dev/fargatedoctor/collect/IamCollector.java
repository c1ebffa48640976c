package dev.fargatedoctor.collect;

import dev.fargatedoctor.snapshot.Arns;
import dev.fargatedoctor.snapshot.Coverage;
import dev.fargatedoctor.snapshot.iam.IamData;
import dev.fargatedoctor.snapshot.iam.PolicyDocuments;
import dev.fargatedoctor.snapshot.iam.Role;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EntityType;
import software.amazon.awssdk.services.iam.model.GetAccountAuthorizationDetailsResponse;
import software.amazon.awssdk.services.iam.model.RoleDetail;

/**
 * Collects the IAM roles task definitions reference. GetAccountAuthorizationDetails returns each
 * role with its trust policy (URL-encoded), attached managed policies and inline policies in pages
 * of up to 1,000 roles: one call where per-role reads would take three to five each, and paging
 * stops as soon as every referenced role is found. A role no page contains no longer exists: a task
 * definition pointing at it cannot start. Managed policy documents, permissions boundaries among
 * them, are read once per policy.
 */
final class IamCollector {
  static final String ROLES_ACTION = "iam:GetAccountAuthorizationDetails";

  private final CoverageLog log;
  private final Executor pool;
  private final Map<String, CompletableFuture<Role.AttachedPolicy>> managed =
      new ConcurrentHashMap<>();

  IamCollector(CoverageLog log, Executor pool) {
    this.log = log;
    this.pool = pool;
  }

  CompletableFuture<IamData> collect(IamClient iam, Collection<String> roleRefs) {
    if (roleRefs.isEmpty()) {
      log.markOk(Coverage.GLOBAL, ROLES_ACTION);
      return CompletableFuture.completedFuture(IamData.EMPTY);
    }
    return CompletableFuture.supplyAsync(() -> roleDetails(iam, roleRefs), pool)
        .thenCompose(
            found -> {
              if (found.isEmpty())
                return CompletableFuture.completedFuture(
                    IamData.EMPTY); // denied or failed: in coverage
              Map<String, RoleDetail> byName = found.get();
              List<String> missing =
                  roleRefs.stream()
                      .filter(ref -> !byName.containsKey(Arns.lastSegment(ref)))
                      .toList();
              List<CompletableFuture<Role>> roles = new ArrayList<>();
              for (RoleDetail d : byName.values()) roles.add(role(iam, d));
              return CompletableFuture.allOf(roles.toArray(CompletableFuture[]::new))
                  .thenApply(
                      done ->
                          new IamData(
                              roles.stream().map(CompletableFuture::join).toList(), missing));
            });
  }

  // Pages until every referenced role has been seen, or the account's roles run out.
  private Optional<Map<String, RoleDetail>> roleDetails(
      IamClient iam, Collection<String> roleRefs) {
    Set<String> wanted = new LinkedHashSet<>();
    roleRefs.forEach(r -> wanted.add(Arns.lastSegment(r)));
    return log.step(
        Coverage.GLOBAL,
        ROLES_ACTION,
        null,
        () -> {
          Map<String, RoleDetail> found = new LinkedHashMap<>();
          for (GetAccountAuthorizationDetailsResponse page :
              iam.getAccountAuthorizationDetailsPaginator(
                  b -> b.filter(EntityType.ROLE).maxItems(1000))) {
            for (RoleDetail d : page.roleDetailList()) {
              if (wanted.contains(d.roleName())) found.put(d.roleName(), d);
            }
            if (found.size() == wanted.size()) break;
          }
          return found;
        });
  }

  private CompletableFuture<Role> role(IamClient iam, RoleDetail d) {
    List<CompletableFuture<Role.AttachedPolicy>> attached =
        d.attachedManagedPolicies().stream()
            .map(
                p ->
                    managed.computeIfAbsent(
                        p.policyArn(), arn -> managedPolicy(iam, p.policyName(), arn)))
            .toList();
    List<Role.InlinePolicy> inline =
        d.rolePolicyList().stream()
            .map(
                p ->
                    new Role.InlinePolicy(
                        p.policyName(), PolicyDocuments.decode(p.policyDocument())))
            .toList();
    // A boundary is a managed policy too: read once, through the same cache.
    String boundaryArn =
        d.permissionsBoundary() == null ? null : d.permissionsBoundary().permissionsBoundaryArn();
    CompletableFuture<Role.AttachedPolicy> boundary =
        boundaryArn == null
            ? CompletableFuture.completedFuture(null)
            : managed.computeIfAbsent(
                boundaryArn, arn -> managedPolicy(iam, Arns.lastSegment(arn), arn));
    List<CompletableFuture<?>> all = new ArrayList<>(attached);
    all.add(boundary);
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
        .thenApply(
            done ->
                new Role(
                    d.roleName(),
                    d.arn(),
                    d.roleId(),
                    d.path(),
                    PolicyDocuments.decode(d.assumeRolePolicyDocument()),
                    boundaryArn,
                    attached.stream().map(CompletableFuture::join).toList(),
                    inline,
                    boundary.join() == null ? null : boundary.join().document()));
  }

  // The default version's document; without it the policy is still listed, with no document.
  private CompletableFuture<Role.AttachedPolicy> managedPolicy(
      IamClient iam, String name, String arn) {
    return CompletableFuture.supplyAsync(
        () -> {
          Optional<String> version =
              log.step(
                  Coverage.GLOBAL,
                  "iam:GetPolicy",
                  arn,
                  () -> iam.getPolicy(b -> b.policyArn(arn)).policy().defaultVersionId());
          if (version.isEmpty()) return new Role.AttachedPolicy(name, arn, null, null);
          return log.step(
                  Coverage.GLOBAL,
                  "iam:GetPolicyVersion",
                  arn,
                  () ->
                      new Role.AttachedPolicy(
                          name,
                          arn,
                          version.get(),
                          PolicyDocuments.decode(
                              iam.getPolicyVersion(b -> b.policyArn(arn).versionId(version.get()))
                                  .policyVersion()
                                  .document())))
              .orElse(new Role.AttachedPolicy(name, arn, version.get(), null));
        },
        pool);
  }
}
