package dev.fargatedoctor.cli;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.fargatedoctor.snapshot.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code .fargate-doctor.yaml}: any bytes either load as a configuration or are refused with {@link
 * InvalidInputException} naming the file. Anything else thrown is a finding.
 */
class ConfigFileFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void configuration(byte[] input) throws IOException {
    Path file = FuzzedInputs.scratch("config").resolve(".fargate-doctor.yaml");
    Files.write(file, input);
    try {
      ConfigFile.load(file);
    } catch (InvalidInputException refused) {
      if (!refused.file().equals(file.toString())) {
        throw new AssertionError("the error names another file: " + refused.getMessage());
      }
    }
  }
}
