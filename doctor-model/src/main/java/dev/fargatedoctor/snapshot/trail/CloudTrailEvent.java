package dev.fargatedoctor.snapshot.trail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.fargatedoctor.snapshot.Lists;
import java.time.Instant;
import java.util.List;

/**
 * A CloudTrail management event from LookupEvents, as {@code aws cloudtrail lookup-events} prints it
 * (the {@code CloudTrailEvent} JSON string is kept parsed: who, from where, with which parameters).
 */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
public record CloudTrailEvent(String eventId, String eventName, Instant eventTime, String eventSource,
                              String username, List<Resource> resources, JsonNode cloudTrailEvent) {
  public CloudTrailEvent {
    resources = Lists.of(resources);
  }

  @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
  public record Resource(String resourceType, String resourceName) {}
}
