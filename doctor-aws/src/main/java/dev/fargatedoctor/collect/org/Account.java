package dev.fargatedoctor.collect.org;

/** One account of an organisation (or of --accounts): its id, and its name where known. */
public record Account(String id, String name) {
  public Account {
    if (id == null || !id.matches("\\d{12}")) {
      throw new IllegalArgumentException("not an AWS account id (12 digits): " + id);
    }
  }
}
