package dev.fargatedoctor.snapshot;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import dev.fargatedoctor.snapshot.ec2.InternetGateway;
import dev.fargatedoctor.snapshot.ec2.NatGateway;
import dev.fargatedoctor.snapshot.ec2.NetworkAcl;
import dev.fargatedoctor.snapshot.ec2.NetworkInterface;
import dev.fargatedoctor.snapshot.ec2.RouteTable;
import dev.fargatedoctor.snapshot.ec2.SecurityGroup;
import dev.fargatedoctor.snapshot.ec2.Subnet;
import dev.fargatedoctor.snapshot.ec2.Vpc;
import dev.fargatedoctor.snapshot.ec2.VpcEndpoint;
import dev.fargatedoctor.snapshot.ecs.Cluster;
import dev.fargatedoctor.snapshot.ecs.EnvironmentVariable;
import dev.fargatedoctor.snapshot.ecs.KeyValue;
import dev.fargatedoctor.snapshot.ecs.Service;
import dev.fargatedoctor.snapshot.ecs.Task;
import dev.fargatedoctor.snapshot.ecs.TaskDefinition;
import dev.fargatedoctor.snapshot.elb.ElbData;
import dev.fargatedoctor.snapshot.iam.Role;
import dev.fargatedoctor.snapshot.trail.CloudTrailEvent;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fields a snapshot cannot be judged without: the ids and names the checks key on, and what AWS
 * always returns with them. A snapshot or dump that lacks one is bad input, named by its JSON path
 * ({@code regions[0].ecs.services[3].serviceName}), not a crash deep inside a check.
 */
public final class RequiredFields {
  private static final Map<Class<?>, List<String>> REQUIRED =
      Map.ofEntries(
          Map.entry(RegionSnapshot.class, List.of("region")),
          Map.entry(Coverage.class, List.of("region", "action", "outcome")),
          Map.entry(ServiceQuota.class, List.of("serviceCode", "quotaCode", "value")),
          Map.entry(Vpc.class, List.of("vpcId")),
          Map.entry(Subnet.class, List.of("subnetId", "vpcId")),
          Map.entry(RouteTable.class, List.of("routeTableId", "vpcId")),
          Map.entry(NatGateway.class, List.of("natGatewayId")),
          Map.entry(InternetGateway.class, List.of("internetGatewayId")),
          Map.entry(VpcEndpoint.class, List.of("vpcEndpointId", "vpcId")),
          Map.entry(NetworkAcl.class, List.of("networkAclId", "vpcId")),
          Map.entry(SecurityGroup.class, List.of("groupId")),
          Map.entry(SecurityGroup.GroupIdentifier.class, List.of("groupId")),
          Map.entry(NetworkInterface.class, List.of("networkInterfaceId")),
          Map.entry(Cluster.class, List.of("clusterArn")),
          Map.entry(Service.class, List.of("serviceArn", "serviceName")),
          Map.entry(TaskDefinition.class, List.of("taskDefinitionArn")),
          Map.entry(EnvironmentVariable.class, List.of("name")),
          Map.entry(Task.class, List.of("taskArn")),
          Map.entry(KeyValue.class, List.of("name", "value")),
          Map.entry(Role.class, List.of("roleName", "arn")),
          Map.entry(ElbData.LoadBalancer.class, List.of("loadBalancerArn")),
          Map.entry(ElbData.TargetGroup.class, List.of("targetGroupArn")),
          Map.entry(CloudTrailEvent.class, List.of("eventName")));

  private static final Map<Class<?>, Map<String, String>> JSON_NAMES = new ConcurrentHashMap<>();
  private static final Map<Class<?>, RecordComponent[]> COMPONENTS = new ConcurrentHashMap<>();

  private RequiredFields() {}

  /** Throws the bad-input error for the first required field that is missing or blank. */
  public static void check(Snapshot snapshot, String file) {
    walk(snapshot, null, file);
  }

  /**
   * Where a value sits, spelled out only when it is reported: a big snapshot has millions of list
   * elements, and building each one's path text would cost more than reading the file.
   */
  private record At(At parent, String field, int index) {
    static At field(At parent, String name) {
      return new At(parent, name, -1);
    }

    static At element(At parent, int index) {
      return new At(parent, null, index);
    }

    @Override
    public String toString() {
      String head = parent == null ? "" : parent.toString();
      if (field == null) return head + "[" + index + "]";
      return head.isEmpty() ? field : head + "." + field;
    }
  }

  private static void walk(Object value, At at, String file) {
    if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        Object element = list.get(i);
        // AWS never lists a null; the checks iterate lists without looking for one
        if (element == null) {
          throw new InvalidInputException(file, -1, -1, At.element(at, i) + " is null");
        }
        if (element instanceof List<?> || isModelRecord(element)) {
          walk(element, At.element(at, i), file);
        }
      }
      return;
    }
    if (value == null || !isModelRecord(value)) return;
    Class<?> type = value.getClass();
    List<String> required = REQUIRED.getOrDefault(type, List.of());
    for (RecordComponent c : COMPONENTS.computeIfAbsent(type, Class::getRecordComponents)) {
      Object v = get(c, value);
      if (required.contains(c.getName()) && (v == null || (v instanceof String s && s.isBlank()))) {
        throw new InvalidInputException(
            file,
            -1,
            -1,
            "required field " + At.field(at, jsonName(type, c.getName())) + " is missing or empty");
      }
      if (v instanceof List<?> || (v != null && isModelRecord(v))) {
        walk(v, At.field(at, jsonName(type, c.getName())), file);
      }
    }
  }

  private static boolean isModelRecord(Object value) {
    return value.getClass().isRecord() && inModel(value.getClass());
  }

  private static boolean inModel(Class<?> type) {
    return type.getName().startsWith("dev.fargatedoctor.snapshot.");
  }

  private static Object get(RecordComponent c, Object record) {
    try {
      return c.getAccessor().invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("a record's accessor is always callable", e);
    }
  }

  // The name in the JSON a user has open: AWS's own (VpcId) where the record says so.
  private static String jsonName(Class<?> type, String component) {
    return JSON_NAMES
        .computeIfAbsent(
            type,
            t -> {
              JavaType javaType = SnapshotJson.mapper().constructType(t);
              BeanDescription d =
                  SnapshotJson.mapper().getDeserializationConfig().introspect(javaType);
              Map<String, String> names = new HashMap<>();
              for (BeanPropertyDefinition p : d.findProperties()) {
                names.put(p.getInternalName(), p.getName());
              }
              return names;
            })
        .getOrDefault(component, component);
  }
}
