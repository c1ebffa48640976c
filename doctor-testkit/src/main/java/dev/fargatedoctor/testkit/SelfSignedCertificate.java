package dev.fargatedoctor.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A certificate for 127.0.0.1 that signs itself, made with the JDK's keytool: the CA of a test's
 * "company network". Its PEM is what AWS_CA_BUNDLE or a profile's ca_bundle points to.
 */
public final class SelfSignedCertificate {
  private static final String PASSWORD = "loopback";

  private final Path keyStore;
  private final Path pem;

  private SelfSignedCertificate(Path keyStore, Path pem) {
    this.keyStore = keyStore;
    this.pem = pem;
  }

  /** Creates the key pair and certificate in DIR (keystore.p12 and ca.pem). */
  public static SelfSignedCertificate create(Path dir) throws IOException {
    Path keyStore = dir.resolve("keystore.p12");
    Path pem = dir.resolve("ca.pem");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    run(
        List.of(
            keytool,
            "-genkeypair",
            "-alias",
            "loopback",
            "-keyalg",
            "EC",
            "-groupname",
            "secp256r1",
            "-dname",
            "CN=Fargate Doctor test CA",
            "-ext",
            "san=ip:127.0.0.1",
            "-ext",
            "bc:c",
            "-validity",
            "30",
            "-keystore",
            keyStore.toString(),
            "-storetype",
            "PKCS12",
            "-storepass",
            PASSWORD,
            "-keypass",
            PASSWORD));
    run(
        List.of(
            keytool,
            "-exportcert",
            "-rfc",
            "-alias",
            "loopback",
            "-keystore",
            keyStore.toString(),
            "-storetype",
            "PKCS12",
            "-storepass",
            PASSWORD,
            "-file",
            pem.toString()));
    return new SelfSignedCertificate(keyStore, pem);
  }

  /** The PEM to trust. */
  public Path pem() {
    return pem;
  }

  SSLContext sslContext() throws IOException {
    try (InputStream in = Files.newInputStream(keyStore)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, PASSWORD.toCharArray());
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, PASSWORD.toCharArray());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException(e);
    }
  }

  private static void run(List<String> command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException("keytool failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}
