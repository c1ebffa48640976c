package dev.fargatedoctor.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.POJONode;
import dev.fargatedoctor.snapshot.iam.IamData;
import dev.fargatedoctor.snapshot.iam.Role;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A snapshot file is written completely or not at all: the old file stays, no temporary file is
 * left.
 */
class NothingHalfWrittenTest {

  private static final String PREVIOUS =
      "{\"schema\": \"fargate-doctor/snapshot/v1\", \"note\": \"yesterday's scan\"}";

  @TempDir Path dir;

  /**
   * A policy document that blows up when serialized, after the regions have already been written
   * out.
   */
  private static final class Exploding {
    public String getStatement() {
      throw new IllegalStateException("boom while serializing");
    }
  }

  private static Snapshot snapshotThatFailsHalfwayThrough() {
    Snapshot good = SnapshotFiles.read(TestResources.twoAzWebService());
    Role bad =
        new Role(
            "exploding",
            "arn:aws:iam::111122223333:role/exploding",
            null,
            "/",
            new POJONode(new Exploding()),
            null,
            null,
            null);
    return new Snapshot(
        good.schema(),
        good.capture(),
        good.regions(),
        new IamData(List.of(bad), null),
        good.coverage());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"snapshot.json", "snapshot.json.gz"})
  void aSerializationFailureLeavesThePreviousFileIntactAndNoTemporaryFile(String name)
      throws IOException {
    Path target = Files.writeString(dir.resolve(name), PREVIOUS);

    assertThatThrownBy(() -> SnapshotFiles.write(snapshotThatFailsHalfwayThrough(), target))
        .isInstanceOf(IOException.class)
        .hasStackTraceContaining("boom while serializing");

    assertThat(Files.readString(target)).isEqualTo(PREVIOUS);
    assertThat(filesIn(dir)).containsExactly(target);
  }

  @Test
  void aSerializationFailureCreatesNoTargetWhenThereWasNone() {
    Path target = dir.resolve("new-snapshot.json");

    assertThatThrownBy(() -> SnapshotFiles.write(snapshotThatFailsHalfwayThrough(), target))
        .isInstanceOf(IOException.class);

    assertThat(filesIn(dir)).isEmpty();
  }

  @Test
  void aFailedRenameRemovesTheTemporaryFile() throws IOException {
    // The target is a non-empty directory: the body is written, the final rename cannot replace it.
    Path target = Files.createDirectory(dir.resolve("snapshot.json"));
    Files.writeString(target.resolve("keep.txt"), "kept");

    assertThatThrownBy(
            () -> SnapshotFiles.write(SnapshotFiles.read(TestResources.twoAzWebService()), target))
        .isInstanceOf(IOException.class);

    assertThat(filesIn(dir)).containsExactly(target);
    assertThat(Files.readString(target.resolve("keep.txt"))).isEqualTo("kept");
  }

  @Test
  void aParentThatIsAFileFailsWithoutCreatingAnything() throws IOException {
    Path notADirectory = Files.writeString(dir.resolve("scans"), "a file, not a directory");

    assertThatThrownBy(
            () ->
                SnapshotFiles.write(
                    new Snapshot(Snapshot.SCHEMA, null, null, null, null),
                    notADirectory.resolve("snapshot.json")))
        .isInstanceOf(IOException.class);

    assertThat(filesIn(dir)).containsExactly(notADirectory);
    assertThat(Files.readString(notADirectory)).isEqualTo("a file, not a directory");
  }

  @Test
  void anUnwritableDirectoryFailsAndLeavesThePreviousFileIntact() throws IOException {
    // The refusal is injected where the file system gives it: permissions do not stop root, and
    // this must hold for every user.
    Path target = Files.writeString(dir.resolve("snapshot.json"), PREVIOUS);
    AtomicFiles.TempFiles refusing =
        (directory, prefix, suffix) -> {
          throw new AccessDeniedException(directory.resolve(prefix + suffix).toString());
        };

    assertThatThrownBy(
            () ->
                AtomicFiles.write(
                    target, out -> out.write("new".getBytes(StandardCharsets.UTF_8)), refusing))
        .isInstanceOf(AccessDeniedException.class);

    assertThat(Files.readString(target)).isEqualTo(PREVIOUS);
    assertThat(filesIn(dir)).containsExactly(target);
  }

  @Test
  void aBodyThatFailsLeavesThePreviousFileIntact() throws IOException {
    Path target = Files.writeString(dir.resolve("report.txt"), "previous");

    assertThatThrownBy(
            () ->
                AtomicFiles.write(
                    target,
                    out -> {
                      out.write("half of the new con".getBytes(StandardCharsets.UTF_8));
                      throw new IOException("disk full");
                    }))
        .isInstanceOf(IOException.class)
        .hasMessage("disk full");

    assertThat(Files.readString(target)).isEqualTo("previous");
    assertThat(filesIn(dir)).containsExactly(target);
  }

  @Test
  void aBodyThatThrowsAnUncheckedExceptionLeavesNoTemporaryFile() {
    Path target = dir.resolve("report.txt");

    assertThatThrownBy(
            () ->
                AtomicFiles.write(
                    target,
                    out -> {
                      out.write(1);
                      throw new IllegalStateException("bug");
                    }))
        .isInstanceOf(IllegalStateException.class);

    assertThat(filesIn(dir)).isEmpty();
  }

  @Test
  void aSuccessfulWriteReplacesTheFileWhole() throws IOException {
    Path target =
        Files.writeString(
            dir.resolve("report.txt"), "a much longer previous content than the new one");

    AtomicFiles.write(target, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));

    assertThat(Files.readString(target)).isEqualTo("new");
    assertThat(filesIn(dir)).containsExactly(target);
  }

  @Test
  void aRelativeTargetIsWrittenWhereItPoints() throws IOException {
    Path relative = Path.of("").toAbsolutePath().relativize(dir.resolve("relative.txt"));

    AtomicFiles.write(relative, out -> out.write('x'));

    assertThat(Files.readString(dir.resolve("relative.txt"))).isEqualTo("x");
  }

  private static List<Path> filesIn(Path directory) {
    try (Stream<Path> s = Files.list(directory)) {
      return s.sorted().toList();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
