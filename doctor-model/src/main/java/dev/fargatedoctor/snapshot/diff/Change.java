package dev.fargatedoctor.snapshot.diff;

/**
 * One difference between two snapshots, item by item.
 *
 * @param kind route, route-association, nacl-entry, security-group-rule, trust-policy, nat-gateway,
 *     service, quota, region
 * @param change added, removed or modified
 * @param region the region, or "global" for IAM
 * @param resource what changed, e.g. "rtb-0a1 0.0.0.0/0", "acl-1 ingress 100" or a role name
 * @param before the old value, or null when it did not exist
 * @param after the new value, or null when it no longer exists
 */
public record Change(
    String kind, String change, String region, String resource, String before, String after) {}
