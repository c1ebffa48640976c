package dev.fargatedoctor.cli;

import dev.fargatedoctor.collect.NothingCollectedException;
import dev.fargatedoctor.snapshot.InvalidInputException;
import dev.fargatedoctor.snapshot.SafeText;
import java.lang.reflect.Constructor;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code fargate-doctor} command and the one factory that builds it, for main and for tests.
 */
@Command(
    name = "fargate-doctor",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Diagnoses Amazon ECS on Fargate: a read-only scan finds what keeps tasks from starting, slows "
          + "them, or hangs deployments, and prints the evidence and the exact fix.",
      ""
    },
    subcommands = {
      ScanCommand.class,
      TriageCommand.class,
      PathCommand.class,
      PreflightCommand.class,
      WatchCommand.class,
      AlarmsCommand.class,
      DemoCommand.class,
      SnapshotCommand.class,
      ChecksCommand.class,
      ExplainCommand.class,
      AgentCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = ExitCodes.HELP)
public final class FargateDoctor implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(commandLine(Context.system()).execute(args));
  }

  /**
   * Builds the command line with its exit-code mapping; tests call this and run the real commands.
   */
  static CommandLine commandLine(Context context) {
    CommandLine cli = new CommandLine(new FargateDoctor(), new Factory(context));
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof InvalidInputException || e instanceof IllegalArgumentException) {
            // a message may quote the file it rejects: shown escaped
            commandLine.getErr().println("fargate-doctor: " + SafeText.plain(e.getMessage()));
            return ExitCodes.BAD_INPUT;
          }
          if (e instanceof NothingCollectedException) {
            commandLine.getErr().println("fargate-doctor: " + e.getMessage());
            return ExitCodes.NOTHING_COLLECTED;
          }
          throw e;
        });
    cli.setParameterExceptionHandler(
        (e, args) -> {
          e.getCommandLine().getErr().println("fargate-doctor: " + e.getMessage());
          e.getCommandLine()
              .getErr()
              .println(
                  "Try '"
                      + e.getCommandLine().getCommandSpec().qualifiedName()
                      + " --help' for more information.");
          return ExitCodes.BAD_INPUT;
        });
    return cli;
  }

  /**
   * Gives commands that take a {@link Context} their context; everything else is built as usual.
   */
  private record Factory(Context context) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> cls) throws Exception {
      for (Constructor<?> c : cls.getDeclaredConstructors()) {
        if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == Context.class) {
          c.setAccessible(true);
          return cls.cast(c.newInstance(context));
        }
      }
      return CommandLine.defaultFactory().create(cls);
    }
  }
}
