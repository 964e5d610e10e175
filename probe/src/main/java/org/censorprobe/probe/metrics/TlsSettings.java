package org.censorprobe.probe.metrics;

import java.net.InetAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.censorprobe.probe.config.IpLiterals;

/**
 * The listener's TLS, from {@code tls_server_config}: the server certificate and key, the client-certificate
 * policy, and the protocol versions, cipher suites and curves, as far as the JDK can honour them.
 *
 * @param cipherSuites TLS 1.2 suites in order, or empty for the JDK's defaults (TLS 1.3 suites are never
 *     restricted, as in Go, where cipher_suites does not apply to TLS 1.3)
 * @param namedGroups JDK names of the key-exchange groups in order, or empty for the JDK's defaults
 */
record TlsSettings(List<X509Certificate> chain, PrivateKey key, ClientAuth clientAuth,
                   List<X509Certificate> clientCas, List<String> allowedSans, List<String> protocols,
                   List<String> cipherSuites, boolean preferServerCipherSuites, List<String> namedGroups) {

  /** exporter-toolkit's {@code client_auth_type} values (Go's tls.ClientAuthType). */
  enum ClientAuth {
    NO_CLIENT_CERT(false, false, false),
    REQUEST_CLIENT_CERT(true, false, false),
    REQUIRE_ANY_CLIENT_CERT(false, true, false),
    VERIFY_CLIENT_CERT_IF_GIVEN(true, false, true),
    REQUIRE_AND_VERIFY_CLIENT_CERT(false, true, true);

    static final Map<String, ClientAuth> BY_NAME = Map.of(
        "NoClientCert", NO_CLIENT_CERT,
        "RequestClientCert", REQUEST_CLIENT_CERT,
        "RequireAnyClientCert", REQUIRE_ANY_CLIENT_CERT,
        "RequireClientCert", REQUIRE_ANY_CLIENT_CERT,
        "VerifyClientCertIfGiven", VERIFY_CLIENT_CERT_IF_GIVEN,
        "RequireAndVerifyClientCert", REQUIRE_AND_VERIFY_CLIENT_CERT);

    final boolean want;
    final boolean need;
    final boolean verify;

    ClientAuth(boolean want, boolean need, boolean verify) {
      this.want = want;
      this.need = need;
      this.verify = verify;
    }
  }

  TlsSettings {
    chain = List.copyOf(chain);
    clientCas = List.copyOf(clientCas);
    allowedSans = List.copyOf(allowedSans);
    protocols = List.copyOf(protocols);
    cipherSuites = List.copyOf(cipherSuites);
    namedGroups = List.copyOf(namedGroups);
  }

  SSLContext sslContext() {
    return PemKeyStore.sslContext(chain, key, clientAuth == ClientAuth.NO_CLIENT_CERT ? null : trustManagers());
  }

  /** The per-connection parameters; {@code defaults} are the context's. */
  SSLParameters parameters(SSLContext context) {
    SSLParameters p = context.getDefaultSSLParameters();
    p.setProtocols(protocols.toArray(new String[0]));
    if (!cipherSuites.isEmpty()) {
      List<String> suites = new ArrayList<>(cipherSuites);
      for (String s : p.getCipherSuites()) if (isTls13Suite(s)) suites.add(s);
      p.setCipherSuites(suites.toArray(new String[0]));
    }
    p.setUseCipherSuitesOrder(preferServerCipherSuites);
    if (!namedGroups.isEmpty()) NamedGroups.set(p, namedGroups);
    if (clientAuth.need) {
      p.setNeedClientAuth(true);
    } else if (clientAuth.want) {
      p.setWantClientAuth(true);
    }
    return p;
  }

  static boolean isTls13Suite(String name) {
    return name.startsWith("TLS_AES_") || name.startsWith("TLS_CHACHA20_");
  }

  private TrustManager[] trustManagers() {
    X509ExtendedTrustManager base;
    if (clientAuth.verify) {
      try {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        for (int i = 0; i < clientCas.size(); i++) ks.setCertificateEntry("client-ca-" + i, clientCas.get(i));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        base = (X509ExtendedTrustManager) tmf.getTrustManagers()[0];
      } catch (GeneralSecurityException | java.io.IOException e) {
        throw new IllegalStateException("cannot build the client CA trust store", e);
      }
    } else {
      base = null; // RequestClientCert and RequireAnyClientCert take any certificate, as in Go
    }
    return new TrustManager[] {new ClientTrust(base, allowedSans)};
  }

  /** The client-certificate check: the CA (when verifying) and then {@code client_allowed_sans}. */
  private static final class ClientTrust extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager verifier;
    private final List<String> allowedSans;

    ClientTrust(X509ExtendedTrustManager verifier, List<String> allowedSans) {
      this.verifier = verifier;
      this.allowedSans = allowedSans;
    }

    private void check(X509Certificate[] chain, String authType, Object socketOrEngine) throws CertificateException {
      if (verifier != null) {
        if (socketOrEngine instanceof SSLEngine e) {
          verifier.checkClientTrusted(chain, authType, e);
        } else if (socketOrEngine instanceof Socket s) {
          verifier.checkClientTrusted(chain, authType, s);
        } else {
          verifier.checkClientTrusted(chain, authType);
        }
      }
      if (!allowedSans.isEmpty() && !hasAllowedSan(chain[0], allowedSans)) {
        throw new CertificateException("the client certificate has none of client_allowed_sans");
      }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      check(chain, authType, null);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      check(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      check(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      throw new CertificateException("a server-side trust manager");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      throw new CertificateException("a server-side trust manager");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      throw new CertificateException("a server-side trust manager");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return verifier == null ? new X509Certificate[0] : verifier.getAcceptedIssuers();
    }
  }

  /** DNS names, e-mail addresses, URIs and IP addresses (compared as addresses, so ::1 matches 0:0:0:0:0:0:0:1). */
  static boolean hasAllowedSan(X509Certificate cert, List<String> allowed) {
    Collection<List<?>> sans;
    try {
      sans = cert.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      return false;
    }
    if (sans == null) return false;
    for (List<?> san : sans) {
      int type = (Integer) san.get(0);
      if (!(san.get(1) instanceof String value)) continue;
      for (String a : allowed) {
        if (type == 7 ? sameAddress(value, a) : (type == 1 || type == 2 || type == 6) && value.equals(a)) return true;
      }
    }
    return false;
  }

  private static boolean sameAddress(String a, String b) {
    if (!IpLiterals.isLiteral(a) || !IpLiterals.isLiteral(b)) return false;
    InetAddress x = IpLiterals.parse(a);
    return x.equals(IpLiterals.parse(b));
  }

  /** SSLParameters.setNamedGroups is Java 20+; the probe is built for 17. */
  static final class NamedGroups {
    private NamedGroups() {}

    static boolean supported() {
      try {
        SSLParameters.class.getMethod("setNamedGroups", String[].class);
        return true;
      } catch (NoSuchMethodException e) {
        return false;
      }
    }

    static void set(SSLParameters p, List<String> groups) {
      try {
        SSLParameters.class.getMethod("setNamedGroups", String[].class).invoke(p, (Object) groups.toArray(new String[0]));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("curve_preferences was accepted on a JDK without setNamedGroups", e);
      }
    }
  }
}
