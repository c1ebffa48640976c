package dev.fargatedoctor.check.ecs;

import dev.fargatedoctor.check.ecs.MessageCatalogue.Scope;
import dev.fargatedoctor.snapshot.ecs.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a stopped task's stop code, stopped reason and container reasons and exit codes say about
 * why it stopped, read with the {@link MessageCatalogue}. A container reason outranks the task's
 * reason when it is more specific: an OOM kill shows only on the container, while the task just
 * says an essential container exited.
 */
final class StopReasonCatalogue {
  /**
   * How one stopped task reads.
   *
   * @param message the message that decided the cause (or, for an unknown cause, the most telling
   *     one the task has)
   * @param container the container whose reason it is, null for the task's own reason
   */
  record TaskReading(Cause cause, Optional<MessageReading> message, String container) {}

  private StopReasonCatalogue() {}

  /** The cause of one message (a stopped reason, a container reason, a quoted error). */
  static Optional<Cause> classify(String message) {
    return read(message, Scope.UNKNOWN).map(MessageReading::cause);
  }

  static Optional<MessageReading> read(String message, Scope scope) {
    return MessageCatalogue.get().readTaskMessage(message, scope);
  }

  static Cause classify(Task task) {
    return read(task).cause();
  }

  /**
   * Why a stopped task stopped: the most specific cause any of its messages names, else its stop
   * code.
   */
  static TaskReading read(Task task) {
    MessageCatalogue catalogue = MessageCatalogue.get();
    Scope scope = Scope.of(task.taskArn());
    record Said(String container, MessageReading reading) {}
    List<Said> said = new ArrayList<>();
    for (Task.Container c : task.containers()) {
      read(c.reason(), scope).ifPresent(r -> said.add(new Said(c.name(), r)));
    }
    read(task.stoppedReason(), scope).ifPresent(r -> said.add(new Said(null, r)));
    Said best = null;
    for (Said s : said) {
      if (best == null || rank(catalogue, s.reading()) < rank(catalogue, best.reading())) best = s;
    }
    Cause cause = best == null ? null : best.reading().cause();
    boolean userOrScheduler =
        "UserInitiated".equals(task.stopCode())
            || "ServiceSchedulerInitiated".equals(task.stopCode())
            || (cause != null
                && (cause.is(Cause.STOPPED_BY_USER) || cause.is(Cause.STOPPED_BY_SCHEDULER)));
    // SIGKILL of a container that ended on its own; after a user or scheduler stop it is a missed
    // stop timeout.
    if ((cause == null || cause.is(Cause.ESSENTIAL_EXIT))
        && !userOrScheduler
        && exitedWith(task, 137)) {
      String killed = killedContainer(task);
      return new TaskReading(
          catalogue.cause(Cause.KILLED),
          best == null ? Optional.empty() : Optional.of(best.reading()),
          killed);
    }
    if (best != null) return new TaskReading(cause, Optional.of(best.reading()), best.container());
    // No message is known: keep the most telling one, a container's reason before the task's.
    String container = null;
    Optional<MessageReading> unknown = Optional.empty();
    for (Task.Container c : task.containers()) {
      if (c.reason() != null && !c.reason().isBlank()) {
        container = c.name();
        unknown = Optional.of(catalogue.unrecognized(c.reason()));
        break;
      }
    }
    if (unknown.isEmpty() && task.stoppedReason() != null && !task.stoppedReason().isBlank()) {
      unknown = Optional.of(catalogue.unrecognized(task.stoppedReason()));
    }
    // The stop code decides then; TaskFailedToStart says less than any message the task has.
    Optional<Cause> byCode = catalogue.byStopCode(task.stopCode());
    if (byCode.isPresent()
        && !(byCode.get().is(Cause.TASK_FAILED_TO_START) && unknown.isPresent())) {
      return new TaskReading(byCode.get(), unknown, container);
    }
    return new TaskReading(catalogue.cause(Cause.UNRECOGNIZED), unknown, container);
  }

  private static int rank(MessageCatalogue catalogue, MessageReading r) {
    return catalogue.rank(r.cause());
  }

  static boolean exitedWith(Task task, int code) {
    return task.containers().stream().anyMatch(c -> c.exitCode() != null && c.exitCode() == code);
  }

  private static String killedContainer(Task task) {
    return task.containers().stream()
        .filter(c -> c.exitCode() != null && c.exitCode() == 137)
        .map(Task.Container::name)
        .findFirst()
        .orElse(null);
  }
}
