package dev.fargatedoctor.collect;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.fargatedoctor.snapshot.trail.CloudTrailEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;

/**
 * Collects the last 24 hours of network changes from CloudTrail's event history. LookupEvents takes
 * one lookup attribute per call, so each event name is its own (paginated, 50 per page) lookup, and
 * it allows two calls per second per account and region, so the calls of a region run one after
 * another, paced by {@link ApiPacing}. A refused lookup (denied, or not implemented by an emulator)
 * would be refused for every name: the first failure ends the region's lookups, and the coverage
 * says so.
 */
final class TrailCollector {
  static final String ACTION = "cloudtrail:LookupEvents";
  static final Duration WINDOW = Duration.ofHours(24);

  private final CoverageLog log;
  private final Executor pool;

  TrailCollector(CoverageLog log, Executor pool) {
    this.log = log;
    this.pool = pool;
  }

  CompletableFuture<List<CloudTrailEvent>> collect(
      String region, CloudTrailClient trail, Instant now) {
    return CompletableFuture.supplyAsync(
        () -> {
          List<CloudTrailEvent> events = new ArrayList<>();
          for (String name : CloudTrailEvent.NETWORK_CHANGES) {
            Optional<List<CloudTrailEvent>> found =
                log.step(region, ACTION, name, () -> lookup(trail, name, now));
            if (found.isEmpty()) break;
            events.addAll(found.get());
          }
          return List.copyOf(events);
        },
        pool);
  }

  private static List<CloudTrailEvent> lookup(CloudTrailClient trail, String name, Instant now) {
    List<CloudTrailEvent> out = new ArrayList<>();
    for (LookupEventsResponse page :
        trail.lookupEventsPaginator(
            b ->
                b.maxResults(50)
                    .startTime(now.minus(WINDOW))
                    .endTime(now)
                    .lookupAttributes(
                        a -> a.attributeKey(LookupAttributeKey.EVENT_NAME).attributeValue(name)))) {
      page.events().forEach(e -> out.add(event(e)));
    }
    return out;
  }

  // The record keeps only who, when, where from and with which parameters: never keys or responses.
  private static CloudTrailEvent event(Event e) {
    return new CloudTrailEvent(
        e.eventId(),
        e.eventName(),
        e.eventTime(),
        e.eventSource(),
        e.username(),
        e.resources().stream()
            .map(r -> new CloudTrailEvent.Resource(r.resourceType(), r.resourceName()))
            .toList(),
        e.cloudTrailEvent() == null
            ? null
            : JsonNodeFactory.instance.textNode(e.cloudTrailEvent()));
  }
}
