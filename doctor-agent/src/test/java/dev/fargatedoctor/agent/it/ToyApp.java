package dev.fargatedoctor.agent.it;

/**
 * A stand-in JVM application for the -javaagent tests: main returns after N seconds, or, given
 * {@code stdin}, once its standard input closes (so a test decides when, however slow the machine).
 */
public final class ToyApp {

  private ToyApp() {}

  public static void main(String[] args) throws Exception {
    System.out.println("toy app running");
    if (args[0].equals("stdin")) {
      while (System.in.read() >= 0) {
        // runs until the test closes our stdin
      }
    } else {
      Thread.sleep(Long.parseLong(args[0]) * 1000);
    }
    System.out.println("toy app done");
  }
}
