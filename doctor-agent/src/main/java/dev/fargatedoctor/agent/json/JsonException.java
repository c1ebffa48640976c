package dev.fargatedoctor.agent.json;

/** Malformed JSON; the message names what was wrong and at which character offset. */
public final class JsonException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int offset;

  public JsonException(String problem, int offset) {
    super(problem + " at offset " + offset);
    this.offset = offset;
  }

  public int offset() {
    return offset;
  }
}
