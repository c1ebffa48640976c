package dev.fargatedoctor.check.ecs;

import dev.fargatedoctor.check.Severity;
import java.util.List;

/**
 * Why ECS could not start or keep a task, as its own messages tell it (service events, stop codes,
 * stopped reasons, container reasons). The causes, their fixes and the messages that mean them are
 * data in {@code messages.yaml} ({@link MessageCatalogue}); every check that reads ECS's messages
 * names a cause the same way and prints the same fix.
 *
 * @param id stable name, e.g. {@code image-platform-mismatch}
 * @param description the cause in plain words
 * @param fix what to do; a template filled by {@link FixTemplate}
 * @param commands aws commands, templates filled the same way
 * @param docs the AWS page that documents the family
 */
record Cause(
    String id,
    Severity severity,
    Kind kind,
    String description,
    String fix,
    List<String> commands,
    String docs) {

  // The causes code treats specially; the rest are only data.
  static final String OUT_OF_MEMORY = "out-of-memory";
  static final String KILLED = "killed";
  static final String ESSENTIAL_EXIT = "essential-container-exited";
  static final String STOPPED_BY_USER = "stopped-by-user";
  static final String STOPPED_BY_SCHEDULER = "stopped-by-scheduler";
  static final String UNRECOGNIZED = "unrecognized";
  static final String ROUTINE = "routine-activity";
  static final String DEPLOYMENT_TASKS_FAILED = "deployment-tasks-failed";
  static final String TASK_FAILED_TO_START = "task-failed-to-start";

  /** Who is to blame, which decides whether rolling back can help. */
  enum Kind {
    /**
     * The new revision (image, code, memory, health check): rolling back to the old revision helps.
     */
    REVISION,
    /**
     * The account around the service (roles, network, quotas): the old revision fails the same way.
     */
    ENVIRONMENT,
    /** Routine: nothing to report. */
    NORMAL,
    /** The message does not say enough to tell. */
    UNKNOWN
  }

  Cause {
    commands = List.copyOf(commands);
  }

  boolean is(String causeId) {
    return id.equals(causeId);
  }

  boolean isNormal() {
    return kind == Kind.NORMAL;
  }

  boolean isUnrecognized() {
    return is(UNRECOGNIZED);
  }

  /** True when rolling back to the previous task definition would fail the same way. */
  boolean isEnvironmental() {
    return kind == Kind.ENVIRONMENT;
  }
}
