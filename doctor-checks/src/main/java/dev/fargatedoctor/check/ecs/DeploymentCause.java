package dev.fargatedoctor.check.ecs;

import dev.fargatedoctor.check.ecs.MessageCatalogue.Scope;
import dev.fargatedoctor.snapshot.ecs.Service;
import dev.fargatedoctor.snapshot.ecs.Task;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Why a deployment does not move or gave up: the cause named most often across the service's
 * failure events since the deployment began and its stopped tasks, with the newest message that
 * names it. A tie goes to the more specific cause (listed first in the catalogue). When nothing
 * known is named, the newest unknown failure message still comes back, so the reader gets the
 * message instead of a guess.
 *
 * @param task the stopped task the message came from, when it came from one
 * @param container that task's container whose reason it is
 */
record DeploymentCause(
    Cause cause, Optional<MessageReading> message, Optional<Task> task, String container) {

  static Optional<DeploymentCause> of(Service service, List<Task> stopped, Instant since) {
    MessageCatalogue catalogue = MessageCatalogue.get();
    Scope scope = Scope.of(service.serviceArn());
    Map<Cause, Integer> counts = new LinkedHashMap<>();
    Map<Cause, Newest> newest = new LinkedHashMap<>();
    Newest unknown = null;
    for (Service.ServiceEvent e : service.events()) {
      if (since != null && e.createdAt() != null && e.createdAt().isBefore(since)) continue;
      MessageReading r = catalogue.readEvent(e.message(), scope);
      Cause c = r.cause();
      if (c.isNormal() || c.is(Cause.DEPLOYMENT_TASKS_FAILED)) continue;
      Newest n = new Newest(c, Optional.of(r), Optional.empty(), null, at(e.createdAt()));
      if (c.isUnrecognized()) {
        unknown = newer(unknown, n);
        continue;
      }
      counts.merge(c, 1, Integer::sum);
      newest.merge(c, n, DeploymentCause::newer);
    }
    for (Task t : stopped) {
      StopReasonCatalogue.TaskReading r = StopReasonCatalogue.read(t);
      Cause c = r.cause();
      if (c.isNormal()) continue;
      Newest n = new Newest(c, r.message(), Optional.of(t), r.container(), at(t.stoppedAt()));
      if (c.isUnrecognized()) {
        unknown = newer(unknown, n);
        continue;
      }
      counts.merge(c, 1, Integer::sum);
      newest.merge(c, n, DeploymentCause::newer);
    }
    Optional<Cause> best =
        counts.entrySet().stream()
            .max(
                Comparator.comparing((Map.Entry<Cause, Integer> e) -> e.getValue())
                    .thenComparing(e -> -catalogue.rank(e.getKey())))
            .map(Map.Entry::getKey);
    Newest chosen = best.map(newest::get).orElse(unknown);
    return Optional.ofNullable(chosen)
        .map(n -> new DeploymentCause(n.cause(), n.message(), n.task(), n.container()));
  }

  private record Newest(
      Cause cause,
      Optional<MessageReading> message,
      Optional<Task> task,
      String container,
      Instant at) {}

  private static Newest newer(Newest a, Newest b) {
    if (a == null) return b;
    return b.at().isAfter(a.at()) ? b : a;
  }

  private static Instant at(Instant t) {
    return t == null ? Instant.EPOCH : t;
  }
}
