package circles.adapter.out.webhook;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * TLS for a connection made to a checked IP address on behalf of a host name: the server's chain must be trusted
 * as usual, and its certificate must name that host (a DNS subject alternative name, with a wildcard only as the
 * whole leftmost label), exactly as if the connection had been made by name.
 */
final class PinnedHostTrust extends X509ExtendedTrustManager {
    private final X509TrustManager chainTrust;
    private final String host;

    private PinnedHostTrust(X509TrustManager chainTrust, String host) {
        this.chainTrust = chainTrust;
        this.host = host.toLowerCase(Locale.ROOT);
    }

    /** An SSL context that trusts what {@code trustStore} trusts (null: the JDK's default CAs), for {@code host}. */
    static SSLContext context(KeyStore trustStore, String host) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trustStore);
        X509TrustManager chain = null;
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                chain = x509;
            }
        }
        if (chain == null) {
            throw new GeneralSecurityException("no X.509 trust manager");
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new PinnedHostTrust(chain, host)}, null);
        return context;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        chainTrust.checkServerTrusted(chain, authType);
        if (chain == null || chain.length == 0 || !names(chain[0], host)) {
            throw new CertificateException("the server's certificate does not name " + host);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("webhook deliveries do not accept clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return chainTrust.getAcceptedIssuers();
    }

    /** Whether a DNS subject alternative name of {@code certificate} matches {@code host} (RFC 6125). */
    static boolean names(X509Certificate certificate, String host) throws CertificateParsingException {
        Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
        if (alternatives == null) {
            return false;
        }
        for (List<?> entry : alternatives) {
            if (entry.size() == 2 && Integer.valueOf(2).equals(entry.get(0)) && entry.get(1) instanceof String name
                    && matches(name.toLowerCase(Locale.ROOT), host)) {
                return true;
            }
        }
        return false;
    }

    static boolean matches(String pattern, String host) {
        if (pattern.endsWith(".")) {
            pattern = pattern.substring(0, pattern.length() - 1);
        }
        if (!pattern.startsWith("*.")) {
            return pattern.equals(host);
        }
        String suffix = pattern.substring(1);
        int firstDot = host.indexOf('.');
        return firstDot > 0 && host.substring(firstDot).equals(suffix) && suffix.indexOf('.', 1) > 0;
    }
}
