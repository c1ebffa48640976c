package dev.fargatedoctor.check.ecs;

/**
 * A message the catalogue was checked against: as AWS documents it, or as someone got it and posted
 * it with the cause confirmed.
 *
 * @param source the public page it comes from
 * @param cause the confirmed cause, in our words (real-world examples only)
 * @param field where it was seen: stoppedReason, containerReason, event, rolloutStateReason, log
 * @param miss why the catalogue cannot read it from the message alone, when it cannot (counted as
 *     not recognised)
 * @param region the task's Region, for messages whose meaning depends on it
 * @param account the task's account, likewise
 */
record MessageSample(
    String message,
    String source,
    String cause,
    String field,
    String miss,
    String region,
    String account) {

  /**
   * Service events and a deployment's rolloutStateReason are read as events, the rest as reasons.
   */
  boolean isEvent() {
    return "event".equals(field) || "rolloutStateReason".equals(field);
  }

  MessageCatalogue.Scope scope() {
    return new MessageCatalogue.Scope(region, account);
  }
}
