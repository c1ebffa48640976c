package dev.fargatedoctor.collect;

import dev.fargatedoctor.snapshot.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import software.amazon.awssdk.http.TlsTrustManagersProvider;

/**
 * The certificates a PEM bundle holds, trusted instead of the JDK's defaults, as the aws CLI trusts
 * AWS_CA_BUNDLE or a profile's ca_bundle (a company's TLS-inspecting proxy signs with its own CA).
 *
 * @param file the bundle
 * @param source where it was named, for messages ("AWS_CA_BUNDLE", "ca_bundle of profile dev")
 */
record CaBundle(Path file, String source, TrustManager[] trustManagers)
    implements TlsTrustManagersProvider {

  static CaBundle load(Path file, String source) {
    try (InputStream in = Files.newInputStream(file)) {
      Collection<? extends Certificate> certificates =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certificates.isEmpty()) {
        throw new InvalidInputException(file, "no certificate in the " + source + " bundle");
      }
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int n = 0;
      for (Certificate c : certificates) store.setCertificateEntry("ca-" + n++, c);
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      return new CaBundle(file, source, factory.getTrustManagers());
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(file, source + " names a file that does not exist");
    } catch (IOException e) {
      throw new InvalidInputException(file, source + " cannot be read: " + e.getMessage());
    } catch (GeneralSecurityException e) {
      throw new InvalidInputException(
          file, source + " is not a PEM bundle of certificates: " + e.getMessage());
    }
  }

  @Override
  public TrustManager[] trustManagers() {
    return trustManagers.clone();
  }
}
