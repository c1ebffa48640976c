package dev.fargatedoctor.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fargatedoctor.snapshot.InvalidInputException;
import dev.fargatedoctor.testkit.SelfSignedCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaBundleTest {
  @TempDir Path dir;

  @Test
  void trustsExactlyTheCertificatesOfThePemBundle() throws Exception {
    SelfSignedCertificate ca = SelfSignedCertificate.create(dir);

    CaBundle bundle = CaBundle.load(ca.pem(), "AWS_CA_BUNDLE");

    X509TrustManager trust = (X509TrustManager) bundle.trustManagers()[0];
    assertThat(trust.getAcceptedIssuers()).hasSize(1);
    assertThat(trust.getAcceptedIssuers()[0].getSubjectX500Principal().getName())
        .contains("Fargate Doctor test CA");
  }

  @Test
  void aMissingFileIsBadInputNamingItAndWhereItWasNamed() {
    Path missing = dir.resolve("corp-ca.pem");

    assertThatThrownBy(() -> CaBundle.load(missing, "ca_bundle of profile dev"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("ca_bundle of profile dev names a file that does not exist");
  }

  @Test
  void aFileWithoutCertificatesIsBadInput() throws Exception {
    Path notPem = Files.writeString(dir.resolve("notes.txt"), "not a certificate\n");

    assertThatThrownBy(() -> CaBundle.load(notPem, "AWS_CA_BUNDLE"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(notPem.toString());
  }
}
