package circles.adapter.out.webhook;

import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The HTTP clients of recent delivery targets, one per scheme, host, port and checked address, so that deliveries to
 * one receiver reuse its kept-alive connections instead of opening one per attempt. At most {@value #MAX_TARGETS}
 * are kept; the one used least recently is shut down when another target needs a place (requests it has under way
 * still finish).
 */
final class TargetClients {
    static final int MAX_TARGETS = 256;

    /** Builds the client of a target. */
    interface Factory {
        HttpClient create(WebhookTargets.Target target) throws GeneralSecurityException;
    }

    private record Key(String scheme, String host, int port, String address) {
        static Key of(WebhookTargets.Target target) {
            return new Key(target.uri().getScheme().toLowerCase(Locale.ROOT), target.host(), target.port(),
                    target.pinned() == null ? null : target.pinned().getHostAddress());
        }
    }

    private final Factory factory;
    private final Map<Key, HttpClient> clients = new LinkedHashMap<>(16, 0.75f, true);

    TargetClients(Factory factory) {
        this.factory = factory;
    }

    synchronized HttpClient get(WebhookTargets.Target target) throws GeneralSecurityException {
        Key key = Key.of(target);
        HttpClient client = clients.get(key);
        if (client == null) {
            client = factory.create(target);
            clients.put(key, client);
            if (clients.size() > MAX_TARGETS) {
                var eldest = clients.entrySet().iterator();
                HttpClient evicted = eldest.next().getValue();
                eldest.remove();
                evicted.shutdown();
            }
        }
        return client;
    }

    synchronized int size() {
        return clients.size();
    }

    void closeAll() {
        List<HttpClient> all;
        synchronized (this) {
            all = new ArrayList<>(clients.values());
            clients.clear();
        }
        all.forEach(HttpClient::shutdownNow);
    }
}
