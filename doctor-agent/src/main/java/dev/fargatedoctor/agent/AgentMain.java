package dev.fargatedoctor.agent;

import dev.fargatedoctor.agent.deploy.TaskDefinitionCommand;
import dev.fargatedoctor.agent.http.AgentState;
import dev.fargatedoctor.agent.http.Reports;
import dev.fargatedoctor.agent.json.JsonWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.instrument.Instrumentation;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Entry points: {@code java -jar doctor-agent.jar [flags]} (sidecar), {@code task-definition}
 * (deployment aid), {@code get /path} (a client for the running agent), {@code --once} (one sample
 * as JSON) and {@code -javaagent:} ({@link #premain}) inside a JVM application.
 */
public final class AgentMain {

  static final String USAGE =
      String.join(
          "\n",
          "usage: fargate-doctor-agent [--port 9779] [--bind 127.0.0.1] [--interval 10s] [--window 5m] [--no-emf]",
          "                            [--close-wait-threshold N] [--syn-sent-threshold N] [--time-wait-threshold N]",
          "                            [--fd-ratio 0.8] [--memory-ratio 0.9] [--horizon 30m] [--proc-root /proc]",
          "                            [--cgroup-root /sys/fs/cgroup]",
          "       fargate-doctor-agent --once            take one sample, print it as JSON, exit",
          "       fargate-doctor-agent task-definition   print the sidecar container definition (see --help)",
          "       fargate-doctor-agent get [/path]       read an endpoint of the running agent (no curl needed)",
          "       java -javaagent:doctor-agent.jar=port=9779,heapdump-dir=/tmp/dumps -jar app.jar",
          "Every flag also reads from FARGATE_DOCTOR_AGENT_<NAME> (e.g. FARGATE_DOCTOR_AGENT_PORT); see docs/agent.md.");

  /** The agent started by -javaagent, kept reachable for the life of the application. */
  private static volatile Agent inJvm;

  private AgentMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  /** -javaagent on the command line. Never throws: a broken agent must not stop the application. */
  public static void premain(String agentArgs, Instrumentation instrumentation) {
    startInJvm(agentArgs);
  }

  public static void premain(String agentArgs) {
    startInJvm(agentArgs);
  }

  /** Attached to a running JVM (jcmd / Attach API). */
  public static void agentmain(String agentArgs, Instrumentation instrumentation) {
    startInJvm(agentArgs);
  }

  /** Runs the command line; returns an exit code, or blocks while the sidecar serves. */
  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    if (args.length > 0 && args[0].equals("task-definition")) {
      return TaskDefinitionCommand.run(Arrays.copyOfRange(args, 1, args.length), out, err);
    }
    if (args.length > 0 && args[0].equals("get")) {
      return AgentClient.get(Arrays.copyOfRange(args, 1, args.length), env, out, err);
    }
    Map<String, String> options = new LinkedHashMap<>();
    boolean once = false;
    try {
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        if (arg.equals("--help") || arg.equals("-h")) {
          out.println(USAGE);
          return 0;
        }
        if (arg.equals("--once")) {
          once = true;
          continue;
        }
        if (arg.equals("--no-emf")) {
          options.put("emf", "false");
          continue;
        }
        if (!arg.startsWith("--") || arg.length() == 2) {
          throw new IllegalArgumentException("unexpected argument '" + arg + "'");
        }
        int eq = arg.indexOf('=');
        if (eq > 0) {
          options.put(arg.substring(2, eq), arg.substring(eq + 1));
        } else if (i + 1 < args.length) {
          options.put(arg.substring(2), args[++i]);
        } else {
          throw new IllegalArgumentException(arg + " needs a value");
        }
      }
      AgentConfig config = AgentConfig.load(env, options);
      if (once) {
        return once(config, out, err);
      }
      return serve(config, out, err);
    } catch (IllegalArgumentException e) {
      err.println("fargate-doctor-agent: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
  }

  private static int once(AgentConfig config, PrintStream out, PrintStream err) {
    try (Agent agent =
        new Agent(config, AgentState.Mode.SIDECAR, Clock.systemUTC(), nullStream(), err)) {
      AgentState state = agent.tick();
      out.println(Reports.healthDetailed(state, state.latest().at()));
      out.println(Reports.connections(state, null, Reports.DEFAULT_LIMIT));
      return 0;
    }
  }

  private static int serve(AgentConfig config, PrintStream out, PrintStream err) {
    Agent agent = new Agent(config, AgentState.Mode.SIDECAR, Clock.systemUTC(), out, err);
    try {
      agent.start();
    } catch (IOException e) {
      err.println(
          "fargate-doctor-agent: cannot listen on "
              + config.bind
              + ":"
              + config.port
              + ": "
              + e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  agent.close();
                  stopped.countDown();
                },
                "fargate-doctor-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  private static void startInJvm(String agentArgs) {
    // Started from a daemon thread so that the HTTP server's dispatcher thread inherits daemon
    // status and never keeps the application's JVM from exiting.
    Thread starter =
        new Thread(
            () -> {
              try {
                AgentConfig config =
                    AgentConfig.load(System.getenv(), AgentConfig.parseAgentArgs(agentArgs));
                Agent agent =
                    new Agent(
                        config,
                        AgentState.Mode.JAVAAGENT,
                        Clock.systemUTC(),
                        System.out,
                        System.err);
                agent.start();
                inJvm = agent;
              } catch (Throwable t) {
                System.err.println(
                    JsonWriter.compact()
                        .beginObject()
                        .field("type", "fargate-doctor.error")
                        .field("level", "ERROR")
                        .field("message", "fargate-doctor agent not started: " + describe(t))
                        .endObject());
              }
            },
            "fargate-doctor-start");
    starter.setDaemon(true);
    starter.start();
  }

  private static String describe(Throwable t) {
    // Configuration errors carry a safe message; anything else shows its type only.
    return t instanceof IllegalArgumentException || t instanceof IOException
        ? t.getMessage()
        : t.getClass().getSimpleName();
  }

  private static PrintStream nullStream() {
    return new PrintStream(java.io.OutputStream.nullOutputStream());
  }
}
