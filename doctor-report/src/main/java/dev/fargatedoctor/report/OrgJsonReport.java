package dev.fargatedoctor.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fargatedoctor.check.Severity;
import dev.fargatedoctor.check.capacity.RegionCapacity;
import dev.fargatedoctor.check.capacity.SharedSubnet;
import dev.fargatedoctor.check.capacity.SharedSubnetVerdict;
import dev.fargatedoctor.check.capacity.SubnetUse;
import dev.fargatedoctor.snapshot.Coverage;
import dev.fargatedoctor.snapshot.SnapshotJson;
import java.io.IOException;
import java.io.Writer;
import java.time.Clock;

/**
 * The organisation report for scripts, {@code fargate-doctor/org-report/v1} ({@code
 * docs/schemas/org-report.schema.json}): the summary, then one member per account holding what
 * could not be scanned and its own {@code fargate-doctor/report/v1} document.
 */
public final class OrgJsonReport {
  public static final String SCHEMA = "fargate-doctor/org-report/v1";

  private final Clock clock;
  private final boolean includePassed;

  public OrgJsonReport(Clock clock, boolean includePassed) {
    this.clock = clock;
    this.includePassed = includePassed;
  }

  public ObjectNode toJson(Organisation org) {
    ObjectMapper m = SnapshotJson.mapper();
    ObjectNode root = m.createObjectNode();
    root.put("schema", SCHEMA);
    root.put("generatedAt", clock.instant().toString());
    root.put("source", org.source());
    root.put("caller", org.caller());
    ObjectNode summary = root.putObject("summary");
    summary.put("accounts", org.accounts().size());
    summary.put("accountsScanned", org.scanned());
    ArrayNode regions = summary.putArray("regions");
    org.regions().forEach(regions::add);
    ObjectNode bySeverity = summary.putObject("problemsBySeverity");
    org.problemsBySeverity().forEach((k, v) -> bySeverity.put(k.name(), v));
    summary.put("unknown", org.unknown());
    Score score = org.score();
    summary.put("score", score.value());
    summary.put("grade", score.grade());
    summary.put("scoredBy", org.weakest().map(AccountSection::account).orElse(null));
    ArrayNode capacity = summary.putArray("capacity");
    for (RegionCapacity c : org.capacity()) {
      ObjectNode n = capacity.addObject();
      n.put("account", c.account());
      n.put("region", c.region());
      n.put("networkInterfaces", c.networkInterfaces());
      n.put("networkInterfaceQuota", c.networkInterfaceQuota());
      n.put("networkInterfacePercent", c.networkInterfacePercent());
      n.put("fargateVcpu", c.fargateVcpu());
      n.put("fargateVcpuQuota", c.fargateVcpuQuota());
      n.put("fargateVcpuPercent", c.fargateVcpuPercent());
    }
    ArrayNode shared = summary.putArray("sharedSubnets");
    for (SharedSubnetVerdict v : org.sharedSubnets()) {
      SharedSubnet sub = v.subnet();
      ObjectNode n = shared.addObject();
      n.put("region", sub.region());
      n.put("subnetId", sub.subnetId());
      n.put("vpcId", sub.vpcId());
      n.put("availabilityZone", sub.availabilityZone());
      n.put("cidrBlock", sub.cidrBlock());
      n.put("owner", sub.owner());
      n.put("status", v.finding().status().name());
      n.put("severity", v.finding().severity().name());
      n.put("title", v.finding().title());
      n.put("freeIps", sub.freeIps());
      n.put("newIpsAtPeak", sub.additional());
      n.put("freeIpsLeftAtPeak", sub.margin());
      n.put("unseenAddresses", sub.unseen());
      ArrayNode users = n.putArray("accounts");
      var interfaces = sub.interfacesByAccount();
      for (String account : sub.users()) {
        ObjectNode u = users.addObject();
        u.put("account", account);
        u.put("name", org.nameOf(account));
        u.put("interfaces", interfaces.getOrDefault(account, 0));
        u.put("scanned", sub.scanned().contains(account));
        ArrayNode services = u.putArray("services");
        for (SubnetUse.ServiceTasks t : sub.services()) {
          if (!t.account().equals(account)) continue;
          ObjectNode st = services.addObject();
          st.put("service", t.service());
          st.put("tasksNow", t.live());
          st.put("tasksAtPeak", t.peak());
        }
      }
    }
    ArrayNode accounts = root.putArray("accounts");
    JsonReport single = new JsonReport(clock, includePassed);
    for (AccountSection a : org.accounts()) {
      ObjectNode n = accounts.addObject();
      n.put("account", a.account());
      n.put("name", a.name());
      ArrayNode r = n.putArray("regions");
      a.regions().forEach(r::add);
      n.put("scanned", a.scanned());
      ArrayNode gaps = n.putArray("notScanned");
      for (Coverage g : a.gaps()) gaps.add(m.valueToTree(g));
      ObjectNode counts = n.putObject("problemsBySeverity");
      for (Severity s : Severity.values()) counts.put(s.name(), a.problems(s));
      Score s = a.score();
      if (s == null) {
        n.putNull("score");
        n.putNull("report");
      } else {
        n.put("score", s.value());
        n.set("report", single.toJson(a.diagnosis()));
      }
    }
    return root;
  }

  public void render(Organisation org, Writer out) throws IOException {
    out.write(
        SnapshotJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(toJson(org)));
    out.write(System.lineSeparator());
    out.flush();
  }
}
