package dev.fargatedoctor.agent.it;

/** A stand-in JVM application for the -javaagent tests: runs for N seconds, then main returns. */
public final class ToyApp {

  private ToyApp() {}

  public static void main(String[] args) throws InterruptedException {
    System.out.println("toy app running");
    Thread.sleep(Long.parseLong(args[0]) * 1000);
    System.out.println("toy app done");
  }
}
