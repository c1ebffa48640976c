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
    return changes.stream()
        .map(
            c ->
                c.kind()
                    + " "
                    + c.resource()
                    + " "
                    + c.change()
                    + ": "
                    + c.before()
                    + " -> "
                    + c.after())
        .toList();
  }

  @Test
  void aSnapshotComparedWithItselfHasNoChanges() throws Exception {
    assertThat(SnapshotDiff.between(load("before.json"), load("before.json"))).isEmpty();
  }

  @Test
  void reportsEachKindOfChangeOnItsResource() throws Exception {
    List<String> lines = lines(SnapshotDiff.between(load("before.json"), load("after.json")));

    assertThat(lines)
        .contains(
            "route rtb-private-a 0.0.0.0/0 modified: nat-a (active) -> nat-b (active)",
            "nat-gateway nat-b modified: available -> deleted",
            "service production/api desired count modified: 2 -> 4",
            "quota vpc/L-DF5E4CA3 modified: 5000 -> 8000",
            "nacl-entry acl-1 ingress 90 added: null -> deny protocol 6 ports 1024-65535 0.0.0.0/0",
            "nacl-entry acl-1 subnet subnet-private-a added: null -> associated",
            "security-group-rule sg-api added: null -> egress tcp 443 0.0.0.0/0");
    assertThat(lines)
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith("trust-policy api-execution modified:")
                    .contains("ecs-tasks.amazonaws.com")
                    .contains("ec2.amazonaws.com"));
  }

  @Test
  void itemsWithinAResourceAreComparedOneByOne() throws Exception {
    Snapshot after = load("after.json");
    List<String> back = lines(SnapshotDiff.between(after, load("before.json")));
    assertThat(back)
        .contains(
            "route rtb-private-a 0.0.0.0/0 modified: nat-b (active) -> nat-a (active)",
            "nacl-entry acl-1 ingress 90 removed: deny protocol 6 ports 1024-65535 0.0.0.0/0 -> null");
  }
}
