package circles.adapter.out.persistence.actor;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A person known by the subject of their tokens; global, not org data. */
@Entity
@Table(name = "users")
public class UserJpaEntity {
    @Id
    public String id;
    public String name;
    public String email;
    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;
    @Column(name = "signed_in_at")
    public Instant signedInAt;
}
