package dev.fargatedoctor.collect;

/** Not a single call succeeded: no credentials, no endpoint, no network. The CLI exits 3 on it. */
public final class NothingCollectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NothingCollectedException(String message, Throwable cause) {
    super(message, cause);
  }
}
