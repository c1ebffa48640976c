package dev.fargatedoctor.cli;

import dev.fargatedoctor.agent.deploy.TaskDefinitionCommand;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    description = "Deployment aids for the in-task agent (docs/agent.md).",
    subcommands = {AgentCommand.TaskDefinition.class})
final class AgentCommand {

  @Command(
      name = "task-definition",
      description = {
        "Print the sidecar container definition to add to a task "
            + "definition (pidMode task, loopback port, awslogs, essential false).",
        "Options are the agent's own: --image, --port, --log-group, --region, --stream-prefix, --unprivileged; "
            + "--help lists them."
      })
  static final class TaskDefinition implements Callable<Integer> {
    @Unmatched List<String> args = new java.util.ArrayList<>();

    @Spec CommandSpec spec;

    private final Context context;

    TaskDefinition(Context context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      var out = new java.io.ByteArrayOutputStream();
      int code =
          TaskDefinitionCommand.run(
              args.toArray(String[]::new),
              new PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
              context.err());
      spec.commandLine().getOut().print(out.toString(java.nio.charset.StandardCharsets.UTF_8));
      spec.commandLine().getOut().flush();
      return code == 0 ? ExitCodes.OK : ExitCodes.BAD_INPUT;
    }
  }
}
