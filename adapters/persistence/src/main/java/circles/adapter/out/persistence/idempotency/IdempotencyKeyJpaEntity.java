package circles.adapter.out.persistence.idempotency;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** The first answer to a create sent with an Idempotency-Key, per caller and route. */
@Entity
@Table(name = "idempotency_keys")
@IdClass(IdempotencyKeyJpaEntity.Key.class)
public class IdempotencyKeyJpaEntity {
    @Id
    public String caller;
    @Id
    public String route;
    @Id
    public String key;
    @Column(name = "request_hash")
    public String requestHash;
    public int status;
    public String location;
    public String body;
    @Column(name = "stored_at")
    public Instant storedAt;

    public static class Key implements Serializable {
        public String caller;
        public String route;
        public String key;

        public Key() {
        }

        public Key(String caller, String route, String key) {
            this.caller = caller;
            this.route = route;
            this.key = key;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key that && Objects.equals(caller, that.caller)
                    && Objects.equals(route, that.route) && Objects.equals(key, that.key);
        }

        @Override
        public int hashCode() {
            return Objects.hash(caller, route, key);
        }
    }
}
