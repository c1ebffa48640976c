package dev.fargatedoctor.snapshot.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fargatedoctor.snapshot.Snapshot;
import dev.fargatedoctor.snapshot.SnapshotJson;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotDiffTest {
  private static Snapshot load(String name) throws Exception {
    try (InputStream in = SnapshotDiffTest.class.getResourceAsStream("/diff/" + name)) {
      return SnapshotJson.mapper().readValue(in, Snapshot.class);
    }
  }

  private static List<String> lines(List<Change> changes) {
    return changes.stream().map(c -> c.kind() + " " + c.resource() + " " + c.aspect() + " " + c.verb() + ": "
        + c.before() + " -> " + c.after()).toList();
  }

  @Test
  void aSnapshotComparedWithItselfHasNoChanges() throws Exception {
    assertThat(SnapshotDiff.between(load("before.json"), load("before.json"))).isEmpty();
  }

  @Test
  void reportsEachKindOfChangeOnItsResource() throws Exception {
    List<String> lines = lines(SnapshotDiff.between(load("before.json"), load("after.json")));

    assertThat(lines).contains(
        "ROUTE rtb-private-a route 0.0.0.0/0 changed: nat-a (active) -> nat-b (active)",
        "NAT_GATEWAY nat-b state changed: available -> deleted",
        "SERVICE production/api desired count changed: 2 -> 4",
        "QUOTA vpc/L-DF5E4CA3 value changed: 5000 -> 8000",
        "NACL_ENTRY acl-1 resource added: null -> present",
        "SECURITY_GROUP_RULE sg-api resource added: null -> present");
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("TRUST_POLICY api-execution trust policy changed:")
        .contains("ecs-tasks.amazonaws.com").contains("ec2.amazonaws.com"));
  }

  @Test
  void itemsWithinAResourceAreComparedOneByOne() throws Exception {
    Snapshot after = load("after.json");
    List<String> back = lines(SnapshotDiff.between(after, load("before.json")));
    assertThat(back).contains("ROUTE rtb-private-a route 0.0.0.0/0 changed: nat-b (active) -> nat-a (active)",
        "NACL_ENTRY acl-1 resource removed: present -> null");
  }
}
