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
 *
 * <p>Many read-only policies deny GetAccountAuthorizationDetails (it reads every role and policy of
 * the account) but allow the narrow reads. When it is denied, each referenced role is read on its
 * own: GetRole, ListRolePolicies and GetRolePolicy, ListAttachedRolePolicies, then the managed
 * policies as above. What one of those could not read is recorded on the role, so a check says
 * UNKNOWN instead of judging half the policies.
 */
final class IamCollector {
  static final String ROLES_ACTION = "iam:GetAccountAuthorizationDetails";

  /** Outcomes of the account-wide read after which the roles are read one by one. */
  static final Set<Coverage.Outcome> FALL_BACK =
      Set.of(Coverage.Outcome.DENIED, Coverage.Outcome.UNSUPPORTED);

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
            details -> {
              if (details.value().isEmpty()) {
                return FALL_BACK.contains(details.outcome())
                    ? roleByRole(iam, roleRefs)
                    : CompletableFuture.completedFuture(IamData.EMPTY); // in coverage
              }
              Map<String, RoleDetail> byName = details.value().get();
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
  private CoverageLog.Attempt<Map<String, RoleDetail>> roleDetails(
      IamClient iam, Collection<String> roleRefs) {
    Set<String> wanted = new LinkedHashSet<>();
    roleRefs.forEach(r -> wanted.add(Arns.lastSegment(r)));
    return log.attempt(
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

  private CompletableFuture<IamData> roleByRole(IamClient iam, Collection<String> roleRefs) {
    Set<String> names = new LinkedHashSet<>();
    roleRefs.forEach(r -> names.add(Arns.lastSegment(r)));
    List<CompletableFuture<Optional<Role>>> roles = new ArrayList<>();
    List<String> missing = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (String name : names) {
      roles.add(
          CompletableFuture.supplyAsync(() -> readRole(iam, name, missing), pool)
              .thenCompose(
                  read ->
                      read.isEmpty()
                          ? CompletableFuture.completedFuture(Optional.<Role>empty())
                          : read.get().withManagedPolicies().thenApply(Optional::of)));
    }
    return CompletableFuture.allOf(roles.toArray(CompletableFuture[]::new))
        .thenApply(
            done ->
                new IamData(
                    roles.stream().map(CompletableFuture::join).flatMap(Optional::stream).toList(),
                    roleRefs.stream()
                        .filter(ref -> missing.contains(Arns.lastSegment(ref)))
                        .toList()));
  }

  /** A role read with the narrow calls, before its managed policies are fetched. */
  private final class RoleRead {
    final software.amazon.awssdk.services.iam.model.Role role;
    final List<Role.InlinePolicy> inline;
    final List<software.amazon.awssdk.services.iam.model.AttachedPolicy> attached;
    final List<String> unread;
    final IamClient iam;

    RoleRead(
        IamClient iam,
        software.amazon.awssdk.services.iam.model.Role role,
        List<Role.InlinePolicy> inline,
        List<software.amazon.awssdk.services.iam.model.AttachedPolicy> attached,
        List<String> unread) {
      this.iam = iam;
      this.role = role;
      this.inline = inline;
      this.attached = attached;
      this.unread = unread;
    }

    CompletableFuture<Role> withManagedPolicies() {
      List<CompletableFuture<Role.AttachedPolicy>> policies =
          attached.stream()
              .map(
                  p ->
                      managed.computeIfAbsent(
                          p.policyArn(), arn -> managedPolicy(iam, p.policyName(), arn)))
              .toList();
      String boundaryArn =
          role.permissionsBoundary() == null
              ? null
              : role.permissionsBoundary().permissionsBoundaryArn();
      CompletableFuture<Role.AttachedPolicy> boundary =
          boundaryArn == null
              ? CompletableFuture.completedFuture(null)
              : managed.computeIfAbsent(
                  boundaryArn, arn -> managedPolicy(iam, Arns.lastSegment(arn), arn));
      List<CompletableFuture<?>> all = new ArrayList<>(policies);
      all.add(boundary);
      return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
          .thenApply(
              done ->
                  new Role(
                      role.roleName(),
                      role.arn(),
                      role.roleId(),
                      role.path(),
                      PolicyDocuments.decode(role.assumeRolePolicyDocument()),
                      boundaryArn,
                      policies.stream().map(CompletableFuture::join).toList(),
                      inline,
                      boundary.join() == null ? null : boundary.join().document(),
                      unread));
    }
  }

  // GetRole, then the role's policy lists; a list that cannot be read is noted on the role.
  private Optional<RoleRead> readRole(IamClient iam, String name, List<String> missing) {
    CoverageLog.Attempt<software.amazon.awssdk.services.iam.model.Role> got =
        log.attempt(
            Coverage.GLOBAL, "iam:GetRole", name, () -> iam.getRole(b -> b.roleName(name)).role());
    if (got.outcome() == Coverage.Outcome.NOT_FOUND) missing.add(name);
    if (got.value().isEmpty()) return Optional.empty();
    List<String> unread = new ArrayList<>();
    CoverageLog.Attempt<List<String>> inlineNames =
        log.attempt(
            Coverage.GLOBAL,
            "iam:ListRolePolicies",
            name,
            () ->
                iam.listRolePoliciesPaginator(b -> b.roleName(name)).policyNames().stream()
                    .toList());
    List<Role.InlinePolicy> inline = new ArrayList<>();
    if (inlineNames.value().isEmpty()) {
      unread.add("inline policies: iam:ListRolePolicies " + describe(inlineNames.outcome()));
    } else {
      for (String policy : inlineNames.value().get()) {
        inline.add(
            new Role.InlinePolicy(
                policy,
                log.step(
                        Coverage.GLOBAL,
                        "iam:GetRolePolicy",
                        name + "/" + policy,
                        () ->
                            PolicyDocuments.decode(
                                iam.getRolePolicy(b -> b.roleName(name).policyName(policy))
                                    .policyDocument()))
                    .orElse(null)));
      }
    }
    CoverageLog.Attempt<List<software.amazon.awssdk.services.iam.model.AttachedPolicy>> attached =
        log.attempt(
            Coverage.GLOBAL,
            "iam:ListAttachedRolePolicies",
            name,
            () ->
                iam
                    .listAttachedRolePoliciesPaginator(b -> b.roleName(name))
                    .attachedPolicies()
                    .stream()
                    .toList());
    if (attached.value().isEmpty()) {
      unread.add(
          "attached managed policies: iam:ListAttachedRolePolicies "
              + describe(attached.outcome()));
    }
    return Optional.of(
        new RoleRead(iam, got.value().get(), inline, attached.value().orElse(List.of()), unread));
  }

  private static String describe(Coverage.Outcome outcome) {
    return outcome.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
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
