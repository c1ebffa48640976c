package dev.fargatedoctor.check.ecs;

import dev.fargatedoctor.check.ecs.MessageCatalogue.Scope;

/**
 * What an ECS service event message says, read with the {@link MessageCatalogue}: ECS's documented
 * service event messages, the unhealthy target forms in their old and new wordings, and the routine
 * messages seen in every service's history (started, stopped, registered, steady state). An event
 * that quotes a task's error ("failed to launch a task with (error ...)", "was unable to place a
 * task. Reason: ...") is read by that error.
 */
final class ServiceEventCatalogue {
  private ServiceEventCatalogue() {}

  static Cause classify(String message) {
    return read(message, Scope.UNKNOWN).cause();
  }

  static MessageReading read(String message, Scope scope) {
    return MessageCatalogue.get().readEvent(message, scope);
  }
}
