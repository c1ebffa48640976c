package dev.fargatedoctor.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code java -jar doctor-agent.jar get [/path] [--port N]}: reads an endpoint of the agent running
 * in this task, for containers without curl (ECS Exec into the sidecar, whose image has only a
 * JRE).
 */
final class AgentClient {

  static final String USAGE =
      "usage: get [/path, default /health/detailed] [--port PORT, default"
          + " $FARGATE_DOCTOR_AGENT_PORT or 9779]";

  private AgentClient() {}

  static int get(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    String path = "/health/detailed";
    String port = env.getOrDefault(AgentConfig.Option.PORT.env(), "9779");
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--port") && i + 1 < args.length) {
        port = args[++i];
      } else if (args[i].startsWith("--port=")) {
        port = args[i].substring("--port=".length());
      } else if (args[i].startsWith("/")) {
        path = args[i];
      } else {
        err.println("get: unexpected argument '" + args[i] + "'");
        err.println(USAGE);
        return 2;
      }
    }
    int portNumber;
    try {
      portNumber = Integer.parseInt(port.trim());
      if (portNumber < 1 || portNumber > 65535) {
        throw new NumberFormatException();
      }
    } catch (NumberFormatException e) {
      err.println("get: the port must be a number between 1 and 65535");
      return 2;
    }
    HttpURLConnection connection = null;
    try {
      connection =
          (HttpURLConnection)
              new URL("http://127.0.0.1:" + portNumber + path).openConnection(Proxy.NO_PROXY);
      connection.setConnectTimeout(5000);
      connection.setReadTimeout(60_000);
      int status = connection.getResponseCode();
      InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream();
      if (body != null) {
        try (body) {
          out.print(new String(body.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
      out.flush();
      return status >= 200 && status < 300 ? 0 : 1;
    } catch (ConnectException e) {
      err.println("get: no agent is listening on 127.0.0.1:" + portNumber);
      return 1;
    } catch (IOException e) {
      err.println(
          "get: " + e.getClass().getSimpleName() + " reading 127.0.0.1:" + portNumber + path);
      return 1;
    } finally {
      if (connection != null) {
        connection.disconnect();
      }
    }
  }
}
