package dev.fargatedoctor.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.fargatedoctor.collect.ApiCallRecorder;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The training run whose loaded classes make the launcher's class-data-sharing archive: the demo
 * (checks, reports) and a live scan, so the archive also holds the AWS SDK's clients, signer, HTTP
 * client and protocol parsers, about half of what a real scan loads and what a demo never touches.
 *
 * <p>The scan talks only to a stub on 127.0.0.1 that answers every call with an empty, well-formed
 * reply, with made-up credentials set before anything reads the user's: a training run never
 * reaches AWS and never reads or uses the user's credentials. Its output is discarded.
 */
public final class CdsTraining {
  private static final String ACCOUNT = "000000000000";
  private static final Pattern ACTION = Pattern.compile("(?:^|&)Action=([A-Za-z0-9]+)");

  private CdsTraining() {}

  public static void main(String[] args) throws IOException {
    // System properties come first in the SDK's default chain, before profiles and the environment.
    System.setProperty("aws.accessKeyId", "training");
    System.setProperty("aws.secretAccessKey", "training");
    HttpServer stub =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    stub.createContext("/", CdsTraining::answer);
    stub.start();
    try {
      String endpoint = "http://127.0.0.1:" + stub.getAddress().getPort();
      for (List<String> run :
          List.of(
              List.of("demo"),
              List.of("demo", "--org", "-o", "json"),
              List.of("scan", "--endpoint-url", endpoint, "--region", "us-east-1", "-o", "json"),
              List.of("scan", "--endpoint-url", endpoint, "--region", "us-east-1"))) {
        run(run.toArray(String[]::new));
      }
    } finally {
      stub.stop(0);
    }
    System.exit(0); // the SDK's and picocli's threads must not keep the training JVM alive
  }

  private static void run(String... args) {
    PrintStream discard =
        new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    Context context = new Context(Clock.systemUTC(), new ApiCallRecorder(), discard);
    var cli = FargateDoctor.commandLine(context);
    cli.setOut(new PrintWriter(Writer.nullWriter()));
    cli.setErr(new PrintWriter(Writer.nullWriter()));
    try {
      cli.execute(args);
    } catch (RuntimeException e) { // a training run that fails only makes a smaller archive
      // nothing to report: the classes loaded so far still count
    }
  }

  /**
   * An empty answer in each protocol the scan's services speak: JSON (a target header), the query
   * protocol's XML (an Action parameter), and CBOR; CloudTrail's lookups are refused.
   */
  private static void answer(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
    String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
    byte[] reply;
    int status = 200;
    if (target.startsWith("com.amazonaws.cloudtrail")) {
      // Refused, like a role without cloudtrail:LookupEvents: the scan stops its paced lookups
      // (two a second) at the first, and the error path's classes are trained too.
      status = 400;
      exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
      reply =
          "{\"__type\":\"AccessDeniedException\",\"message\":\"training\"}"
              .getBytes(StandardCharsets.UTF_8);
    } else if (!target.equals("null")) {
      exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
      reply = "{}".getBytes(StandardCharsets.UTF_8);
    } else if (contentType.contains("cbor")) {
      exchange.getResponseHeaders().set("Content-Type", "application/cbor");
      exchange.getResponseHeaders().set("smithy-protocol", "rpc-v2-cbor");
      reply = new byte[] {(byte) 0xa0}; // an empty map
    } else {
      Matcher action = ACTION.matcher(URLDecoder.decode(body, StandardCharsets.UTF_8));
      String name = action.find() ? action.group(1) : "Unknown";
      exchange.getResponseHeaders().set("Content-Type", "text/xml");
      reply = xml(name).getBytes(StandardCharsets.UTF_8);
    }
    exchange.sendResponseHeaders(status, reply.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(reply);
    }
  }

  private static String xml(String action) {
    String result =
        action.equals("GetCallerIdentity")
            ? "<Arn>arn:aws:iam::"
                + ACCOUNT
                + ":user/training</Arn><UserId>TRAINING</UserId><Account>"
                + ACCOUNT
                + "</Account>"
            : "";
    return "<"
        + action
        + "Response><"
        + action
        + "Result>"
        + result
        + "</"
        + action
        + "Result><requestId>training</requestId><ResponseMetadata><RequestId>training</RequestId>"
        + "</ResponseMetadata></"
        + action
        + "Response>";
  }
}
