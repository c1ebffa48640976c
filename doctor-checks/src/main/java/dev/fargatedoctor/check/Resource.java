package dev.fargatedoctor.check;

/**
 * What a finding is about: a type ("subnet", "service", "iam-role"...), its id and, when known, its
 * ARN.
 */
public record Resource(String type, String id, String arn) {
  public static Resource of(String type, String id) {
    return new Resource(type, id, null);
  }
}
