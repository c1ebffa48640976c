package dev.fargatedoctor.cli;

import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

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
      FlowsCommand.class,
      PreflightCommand.class,
      WatchCommand.class,
      AlarmsCommand.class,
      DeployCommand.class,
      DemoCommand.class,
      SnapshotCommand.class,
      ReportCommand.class,
      ChecksCommand.class,
      ExplainCommand.class,
      AgentCommand.class,
      CommandLine.HelpCommand.class,
      CompletionCommand.class
    },
    modelTransformer = ExitCodes.Footers.class)
public final class FargateDoctor implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--debug",
      scope = ScopeType.INHERIT,
      description = "Show the SDK's log and, on an error, the Java stack trace (on stderr).")
  boolean debug;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    boolean debug = Arrays.asList(args).contains("--debug");
    Logging.configure(debug);
    int code;
    try {
      code = commandLine(Context.system()).execute(args);
    } catch (Throwable e) { // the last resort: whatever escaped picocli's handlers is a bug
      code = Failure.report(e, new PrintWriter(System.err, true, StandardCharsets.UTF_8), debug);
    }
    System.exit(code);
  }

  /**
   * Builds the command line with its exit-code mapping; tests call this and run the real commands.
   */
  static CommandLine commandLine(Context context) {
    Logging.configure(false); // main() has set it already when --debug was given
    FargateDoctor root = new FargateDoctor();
    CommandLine cli = new CommandLine(root, new Factory(context));
    cli.setCaseInsensitiveEnumValuesAllowed(true); // -o JSON, --output Markdown
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> Failure.report(e, commandLine.getErr(), root.debug));
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
   * The factory picocli's generators use at build time (man pages: {@code ManPageGenerator
   * --factory}), with the system context.
   */
  public static final class SystemFactory implements CommandLine.IFactory {
    private final Factory factory = new Factory(Context.system());

    @Override
    public <K> K create(Class<K> cls) throws Exception {
      return factory.create(cls);
    }
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
