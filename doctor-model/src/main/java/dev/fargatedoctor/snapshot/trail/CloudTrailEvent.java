package dev.fargatedoctor.snapshot.trail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fargatedoctor.snapshot.Lists;
import dev.fargatedoctor.snapshot.SnapshotJson;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A CloudTrail management event from LookupEvents, as {@code aws cloudtrail lookup-events} prints
 * it (the {@code CloudTrailEvent} JSON string is kept parsed: who, from where, with which
 * parameters).
 *
 * <p>Only what says who changed what is kept, by construction: the identity's type, ARN and name,
 * the source address, the request parameters and the error. Access key ids, session attributes and
 * response elements (which for some APIs carry credentials) never enter a snapshot, whatever
 * produced the event.
 */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
public record CloudTrailEvent(
    String eventId,
    String eventName,
    Instant eventTime,
    String eventSource,
    String username,
    List<Resource> resources,
    JsonNode cloudTrailEvent) {

  /**
   * The changes to routing and network ACLs that the network checks read: the collector looks up
   * these event names (one LookupEvents attribute per call) and the importer keeps only these.
   */
  public static final List<String> NETWORK_CHANGES =
      List.of(
          "CreateRoute",
          "ReplaceRoute",
          "DeleteRoute",
          "AssociateRouteTable",
          "DisassociateRouteTable",
          "ReplaceRouteTableAssociation",
          "CreateNetworkAclEntry",
          "ReplaceNetworkAclEntry",
          "DeleteNetworkAclEntry",
          "ReplaceNetworkAclAssociation",
          "DeleteNatGateway");

  private static final Set<String> KEPT =
      Set.of(
          "eventVersion",
          "eventTime",
          "eventSource",
          "eventName",
          "awsRegion",
          "sourceIPAddress",
          "userAgent",
          "errorCode",
          "errorMessage",
          "requestParameters",
          "eventID",
          "eventType",
          "recipientAccountId");
  private static final Set<String> KEPT_IDENTITY =
      Set.of("type", "principalId", "arn", "accountId", "userName", "invokedBy");
  private static final Set<String> KEPT_ISSUER =
      Set.of("type", "principalId", "arn", "accountId", "userName");

  public CloudTrailEvent {
    resources = Lists.of(resources);
    cloudTrailEvent = sanitized(parsed(cloudTrailEvent));
  }

  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  public record Resource(String resourceType, String resourceName) {}

  /** LookupEvents returns the event as a JSON string; a snapshot holds it as an object. */
  private static JsonNode parsed(JsonNode node) {
    if (node == null || !node.isTextual()) return node;
    try {
      return SnapshotJson.mapper().readTree(node.asText());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "CloudTrailEvent is not a JSON document: " + e.getOriginalMessage(), e);
    }
  }

  private static JsonNode sanitized(JsonNode event) {
    if (event == null || !event.isObject()) return null;
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    event
        .properties()
        .forEach(
            e -> {
              if (KEPT.contains(e.getKey())) out.set(e.getKey(), e.getValue());
            });
    JsonNode identity = event.get("userIdentity");
    if (identity != null && identity.isObject()) {
      ObjectNode id = only(identity, KEPT_IDENTITY);
      JsonNode issuer = identity.path("sessionContext").path("sessionIssuer");
      if (issuer.isObject())
        id.putObject("sessionContext").set("sessionIssuer", only(issuer, KEPT_ISSUER));
      out.set("userIdentity", id);
    }
    return out;
  }

  private static ObjectNode only(JsonNode node, Set<String> names) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    node.properties()
        .forEach(
            e -> {
              if (names.contains(e.getKey()) && e.getValue().isValueNode())
                out.set(e.getKey(), e.getValue());
            });
    return out;
  }

  /**
   * Who made the change: the role behind an assumed-role session, else the identity's ARN or name.
   */
  public String who() {
    JsonNode id = cloudTrailEvent == null ? null : cloudTrailEvent.get("userIdentity");
    if (id != null) {
      String arn = id.path("arn").asText(null);
      if (arn != null) return arn;
      String issuer = id.path("sessionContext").path("sessionIssuer").path("arn").asText(null);
      if (issuer != null) return issuer;
      String name = id.path("userName").asText(null);
      if (name != null) return name;
      String invokedBy = id.path("invokedBy").asText(null);
      if (invokedBy != null) return invokedBy;
    }
    return username;
  }

  /**
   * The API call's parameters (routeTableId, destinationCidrBlock, natGatewayId, ruleNumber...).
   */
  public JsonNode requestParameters() {
    return cloudTrailEvent == null
        ? JsonNodeFactory.instance.objectNode()
        : cloudTrailEvent.path("requestParameters").isObject()
            ? cloudTrailEvent.get("requestParameters")
            : JsonNodeFactory.instance.objectNode();
  }

  /** The error AWS answered with, when the call failed (a failed change changed nothing). */
  public String errorCode() {
    return cloudTrailEvent == null ? null : cloudTrailEvent.path("errorCode").asText(null);
  }

  public String sourceIpAddress() {
    return cloudTrailEvent == null ? null : cloudTrailEvent.path("sourceIPAddress").asText(null);
  }
}
