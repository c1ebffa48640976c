package dev.fargatedoctor.cli.watch;

import dev.fargatedoctor.publish.S3Location;
import dev.fargatedoctor.publish.S3Objects;
import dev.fargatedoctor.snapshot.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * watch --state-s3: the state files kept as objects under an S3 prefix (GetObject once at start,
 * PutObject after every cycle: docs/iam-policy-watch-state-s3.json). The task's local copy lives in
 * a scratch directory, the only place it writes on its own filesystem.
 */
public final class S3StateMirror implements WatchState.Mirror {
  private final S3Objects s3;
  private final S3Location location;

  public S3StateMirror(S3Objects s3, S3Location location) {
    this.s3 = s3;
    this.location = location;
  }

  @Override
  public void pull(Path dir, List<String> names) throws IOException {
    for (String name : names) {
      Optional<byte[]> body = s3.get(location, name);
      if (body.isPresent()) {
        byte[] bytes = body.get();
        AtomicFiles.write(dir.resolve(name), out -> out.write(bytes));
      }
    }
  }

  @Override
  public void push(Path dir, List<String> names) throws IOException {
    for (String name : names) {
      Path file = dir.resolve(name);
      if (Files.exists(file)) {
        s3.put(
            location,
            name,
            Files.readAllBytes(file),
            name.endsWith(".gz") ? "application/gzip" : "application/json");
      }
    }
  }

  @Override
  public String describe() {
    return location.toString();
  }
}
